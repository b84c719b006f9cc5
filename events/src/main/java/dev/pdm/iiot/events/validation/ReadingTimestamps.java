package dev.pdm.iiot.events.validation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * The timestamp of a reading as an instant: an ISO-8601 date-time ({@link DateTimeFormatter#ISO_DATE_TIME},
 * read as UTC without an offset, a space accepted instead of the {@code T}) or an epoch number.
 *
 * <p>The shapes devices send, {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±hh:mm]}, are read by hand;
 * everything else goes to the formatter, which has the last word. The hand-read path only answers
 * for text it fully understands and that is valid, so both give the same instant.
 */
final class ReadingTimestamps {

    /** Numbers at or above this are epoch milliseconds, below it epoch seconds (10¹¹ s is the year 5138). */
    private static final double EPOCH_MILLIS_FROM = 1e11;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private ReadingTimestamps() {
    }

    /**
     * An epoch number: seconds, or milliseconds at 10¹¹ and above.
     *
     * @throws IllegalArgumentException when it is not finite
     */
    static Instant ofEpochNumber(final double epoch) {
        if (!Double.isFinite(epoch)) {
            throw new IllegalArgumentException("not finite");
        }
        final double millis = Math.abs(epoch) >= EPOCH_MILLIS_FROM ? epoch : epoch * 1000.0;
        final long whole = (long) Math.floor(millis);
        final long nanos = Math.round((millis - whole) * 1_000_000.0);
        return Instant.ofEpochMilli(whole).plusNanos(nanos);
    }

    /**
     * An ISO-8601 date-time given as characters (a parser's text buffer, read without making a string).
     *
     * @throws DateTimeParseException when it is not one
     */
    static Instant ofText(final char[] chars, final int offset, final int length) {
        final Instant fast = exact(chars, offset, length);
        return fast != null ? fast : ofText(new String(chars, offset, length));
    }

    /**
     * An ISO-8601 date-time.
     *
     * @throws DateTimeParseException when it is not one
     */
    static Instant ofText(final String text) {
        final Instant fast = exact(text.toCharArray(), 0, text.length());
        return fast != null ? fast : withFormatter(text);
    }

    /** What {@link DateTimeFormatter#ISO_DATE_TIME} makes of the text, trimmed, a space at index 10 read as {@code T}. */
    static Instant withFormatter(final String timestamp) {
        String text = timestamp.trim();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        final TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
                OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /**
     * {@code yyyy-MM-dd(T|t| )HH:mm:ss[.f{1,9}][Z|z|±hh:mm]} with valid fields, or null for
     * anything else (other shapes, out-of-range fields), which the formatter then reads or rejects.
     */
    static Instant exact(final char[] c, final int off, final int len) {
        if (len < 19) {
            return null;
        }
        final int year = digits4(c, off);
        final int month = digits2(c, off + 5);
        final int day = digits2(c, off + 8);
        final int hour = digits2(c, off + 11);
        final int minute = digits2(c, off + 14);
        final int second = digits2(c, off + 17);
        final char sep = c[off + 10];
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || c[off + 4] != '-' || c[off + 7] != '-'
                || (sep != 'T' && sep != 't' && sep != ' ') || c[off + 13] != ':' || c[off + 16] != ':'
                || day > lengthOfMonth(year, month)) {
            return null;
        }
        int i = off + 19;
        final int end = off + len;
        int nanos = 0;
        if (i < end && c[i] == '.') {
            i++;
            final int from = i;
            while (i < end && i - from < 10 && c[i] >= '0' && c[i] <= '9') {
                nanos = nanos * 10 + (c[i] - '0');
                i++;
            }
            final int count = i - from;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos *= POWERS_OF_TEN[9 - count];
        }
        int offsetSeconds = 0;
        if (i < end) {
            final char z = c[i];
            if ((z == 'Z' || z == 'z') && i + 1 == end) {
                i++;
            } else if ((z == '+' || z == '-') && end - i == 6 && c[i + 3] == ':') {
                final int oh = digits2(c, i + 1);
                final int om = digits2(c, i + 4);
                if (oh < 0 || om < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) {
                    return null;
                }
                offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
                i = end;
            } else {
                return null;
            }
        }
        final long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Two ASCII digits, or -1. */
    private static int digits2(final char[] c, final int at) {
        final int a = c[at] - '0';
        final int b = c[at + 1] - '0';
        return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
    }

    /** Four ASCII digits, or -1. */
    private static int digits4(final char[] c, final int at) {
        final int hi = digits2(c, at);
        final int lo = digits2(c, at + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }

    private static int lengthOfMonth(final int year, final int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (years 0 to 9999). */
    private static long epochDay(final int year, final int month, final int day) {
        final int y = month <= 2 ? year - 1 : year;
        final int era = Math.floorDiv(y, 400);
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
