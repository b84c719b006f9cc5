package dev.pdm.iiot.dashboard.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A period {@code [from, to)} of a history request, from its {@code from} and {@code to} parameters:
 * ISO-8601 instants ({@code 2026-12-06T10:00:00Z}, an offset instead of {@code Z} is fine) or dates
 * ({@code 2026-12-06}, midnight UTC). Without {@code to} it ends now, without {@code from} it is
 * {@code defaultLength} long. A period that ends before it starts, or longer than the longest one
 * allowed, is an {@link InvalidQueryException}.
 */
public record Period(Instant from, Instant to) {

    public static Period parse(final String from, final String to, final Duration defaultLength,
                               final Duration maxLength, final Instant now) {
        final Instant end = blank(to) ? now : instant("to", to);
        final Instant start = blank(from) ? end.minus(defaultLength) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidQueryException("to (" + end + ") must be after from (" + start + ")");
        }
        final Duration length = Duration.between(start, end);
        if (length.compareTo(maxLength) > 0) {
            throw new InvalidQueryException("the range from " + start + " to " + end + " is " + inWords(length)
                    + " long; at most " + inWords(maxLength) + " may be asked for at once");
        }
        return new Period(start, end);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    static Instant instant(final String name, final String value) {
        final String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new InvalidQueryException(name + " is not a time: '" + value
                        + "' (ISO-8601, e.g. 2026-12-06T10:00:00Z or 2026-12-06)");
            }
        }
    }

    private static boolean blank(final String value) {
        return value == null || value.isBlank();
    }

    /** A duration in a message: "40 min", "1 h 30 min", "800 days". */
    static String inWords(final Duration d) {
        final long hours = d.toHours();
        return hours >= 48 ? (hours / 24) + " days" + (hours % 24 == 0 ? "" : " " + (hours % 24) + " h")
                : hours >= 1 ? hours + " h" + (d.toMinutesPart() == 0 ? "" : " " + d.toMinutesPart() + " min")
                : d.toMinutes() + " min";
    }
}
