package dev.pdm.iiot.events.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-read timestamps give exactly the formatter's instant, and leave to it what they do not know. */
class ReadingTimestampsTest {

    /** The formatter's answer: the instant, or the exception's class. */
    private static Object formatter(final String text) {
        try {
            return ReadingTimestamps.withFormatter(text);
        } catch (DateTimeParseException e) {
            return e.getClass();
        }
    }

    private static Object parsed(final String text) {
        try {
            final char[] padded = ("##" + text + "#").toCharArray();
            final Instant fromChars = ReadingTimestamps.ofText(padded, 2, text.length());
            assertThat(ReadingTimestamps.ofText(text)).isEqualTo(fromChars);
            return fromChars;
        } catch (DateTimeParseException e) {
            return e.getClass();
        }
    }

    private static Instant exact(final String text) {
        return ReadingTimestamps.exact(text.toCharArray(), 0, text.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2025-11-21T21:27:22Z", "2025-11-21T21:27:22", "2025-11-21 21:27:22.123456", "2025-11-21t21:27:22z",
            "2025-11-21T23:27:22+02:00", "2025-11-21T16:57:22.5-04:30", "2025-11-21T21:27:22+00:00",
            "2025-11-21T21:27:22-00:00", "2025-11-21T21:27:22.1", "2025-11-21T21:27:22.123456789Z",
            "2024-02-29T00:00:00Z", "2000-02-29T12:00:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2025-12-31T23:59:59+18:00", "2025-01-01T00:00:00-18:00"})
    void readsTheCommonShapesByHand(final String text) {
        assertThat(exact(text)).as(text).isNotNull().isEqualTo(formatter(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2025-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2025-04-31T00:00:00", "2025-00-10T00:00:00",
            "2025-13-01T00:00:00", "2025-11-00T00:00:00", "2025-11-21T24:00:00Z", "2025-11-21T23:60:00Z",
            "2016-12-31T23:59:60Z", "2025-11-21T21:27:22.Z", "2025-11-21T21:27:22.1234567891Z",
            "2025-11-21T21:27:22,5Z", "2025-11-21T21:27Z", "2025-11-21", "2025-11-21T21:27:22+0200",
            "2025-11-21T21:27:22+02", "2025-11-21T21:27:22+02:00:30", "2025-11-21T21:27:22+18:01",
            "2025-11-21T21:27:22+19:00", "2025-11-21T21:27:22+02:60", "2025-11-21T21:27:22+01:00[Europe/Paris]",
            "2025-11-21T21:27:22ZZ", "2025-11-21T21:27:22 ", " 2025-11-21T21:27:22", "+12025-11-21T21:27:22Z",
            "２025-11-21T21:27:22Z", "2025-11-21X21:27:22", "2025/11/21T21:27:22", "2025-11-21T21-27-22",
            "2025-11-21  21:27:22Z", "2025-11-21T21:27:22.1a", "2025-11-21T21:27:22+02:0a", "-025-11-21T21:27:22"})
    void leavesEverythingElseToTheFormatter(final String text) {
        assertThat(exact(text)).as(text).isNull();
        assertThat(parsed(text)).as(text).isEqualTo(formatter(text));
    }

    @Test
    void givesTheFormattersInstantForManyRandomTimestamps() {
        final SplittableRandom r = new SplittableRandom(20251121);
        int byHand = 0;
        for (int i = 0; i < 100_000; i++) {
            final String text = randomTimestamp(r);
            assertThat(parsed(text)).as(text).isEqualTo(formatter(text));
            if (exact(text) != null) {
                byHand++;
            }
        }
        assertThat(byHand).as("most random timestamps have a shape read by hand").isGreaterThan(25_000);
    }

    /** Mostly valid, often just out of range, now and then of another shape. */
    private static String randomTimestamp(final SplittableRandom r) {
        final StringBuilder s = new StringBuilder(40);
        final int year = r.nextInt(10) == 0 ? r.nextInt(10_000) : 1990 + r.nextInt(60);
        s.append(String.format(Locale.ROOT, "%04d-%02d-%02d", year, 1 + r.nextInt(r.nextInt(20) == 0 ? 14 : 12),
                r.nextInt(20) == 0 ? r.nextInt(33) : 1 + r.nextInt(31)));
        s.append(switch (r.nextInt(8)) {
            case 0 -> ' ';
            case 1 -> 't';
            default -> 'T';
        });
        s.append(String.format(Locale.ROOT, "%02d:%02d:%02d", r.nextInt(r.nextInt(20) == 0 ? 25 : 24),
                r.nextInt(r.nextInt(20) == 0 ? 61 : 60), r.nextInt(r.nextInt(20) == 0 ? 61 : 60)));
        final int fraction = r.nextInt(14) - 2;
        if (fraction >= 0) {
            s.append('.');
            for (int k = 0; k < fraction; k++) {
                s.append((char) ('0' + r.nextInt(10)));
            }
        }
        switch (r.nextInt(6)) {
            case 0 -> s.append(r.nextBoolean() ? 'Z' : 'z');
            case 1, 2 -> s.append(String.format(Locale.ROOT, "%c%02d:%02d", r.nextBoolean() ? '+' : '-',
                    r.nextInt(r.nextInt(10) == 0 ? 20 : 19), r.nextInt(r.nextInt(10) == 0 ? 61 : 60)));
            case 3 -> {
                if (r.nextInt(4) == 0) {
                    s.append(r.nextBoolean() ? " " : "[UTC]");
                }
            }
            default -> {
            }
        }
        return s.toString();
    }

    @Test
    void readsEpochNumbersAsSecondsOrMilliseconds() {
        assertThat(ReadingTimestamps.ofEpochNumber(1763760442.25)).isEqualTo(Instant.parse("2025-11-21T21:27:22.250Z"));
        assertThat(ReadingTimestamps.ofEpochNumber(1763760442123.0)).isEqualTo(Instant.parse("2025-11-21T21:27:22.123Z"));
        assertThat(ReadingTimestamps.ofEpochNumber(-1.5)).isEqualTo(Instant.parse("1969-12-31T23:59:58.500Z"));
    }
}
