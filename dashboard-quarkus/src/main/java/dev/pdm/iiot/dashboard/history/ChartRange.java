package dev.pdm.iiot.dashboard.history;

import dev.pdm.iiot.dashboard.config.DashboardConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The points a chart of a period gets: their step and the tables they come from. Without a step of
 * its own, the chart gets the smallest of {@link #STEPS} that gives at most {@code targetPoints}
 * points: minutes up to about a day, buckets of minutes up to about a month, hours and buckets of
 * hours beyond. A step shorter than an hour reads the minute tables, a step of whole hours the hour
 * tables. A period that starts before the minute retention is read from hours only, since its
 * minutes are gone.
 *
 * @param period     the period {@code [from, to)}
 * @param step       the length of a point
 * @param resolution the tables and whether rows are bucketed
 */
public record ChartRange(Period period, Duration step, Resolution resolution) {

    static final List<Duration> STEPS = List.of(minutes(1), minutes(2), minutes(5), minutes(10), minutes(15),
            minutes(30), hours(1), hours(2), hours(3), hours(6), hours(12), hours(24), hours(48), hours(168));

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*(s|m|min|h|d)");

    /**
     * @param step the request's {@code step}: ISO-8601 ({@code PT10M}) or short ({@code 10m},
     *             {@code 2h}, {@code 1d}); null or blank to let the range choose
     */
    public static ChartRange choose(final Period period, final String step, final DashboardConfig.History settings,
                                    final Instant now) {
        final boolean minutesGone = period.from().isBefore(now.minus(settings.minuteRetention()));
        final long length = period.length().toSeconds();
        if (step == null || step.isBlank()) {
            for (final Duration candidate : STEPS) {
                if ((minutesGone && candidate.compareTo(HOUR) < 0) || points(length, candidate) > settings.targetPoints()) {
                    continue;
                }
                return of(period, candidate);
            }
            return of(period, STEPS.get(STEPS.size() - 1));
        }
        final Duration wanted = parseStep(step);
        if (wanted.toSeconds() % 60 != 0 || wanted.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidQueryException("step must be whole minutes, at least 1 minute: " + step);
        }
        final long n = points(length, wanted);
        if (n > settings.maxPoints()) {
            throw new InvalidQueryException("step " + step + " gives " + n + " points for this range; at most "
                    + settings.maxPoints() + ": ask for a longer step or a shorter range");
        }
        if (minutesGone && wanted.toSeconds() % HOUR.toSeconds() != 0) {
            throw new InvalidQueryException("minutes are kept for " + settings.minuteRetention().toDays()
                    + " days: a range starting before " + now.minus(settings.minuteRetention())
                    + " needs a step of whole hours (e.g. 1h)");
        }
        return of(period, wanted);
    }

    private static ChartRange of(final Period period, final Duration step) {
        final boolean hours = step.toSeconds() % HOUR.toSeconds() == 0;
        final Resolution resolution = hours
                ? (step.equals(HOUR) ? Resolution.HOUR : Resolution.HOUR_BUCKETS)
                : (step.equals(Duration.ofMinutes(1)) ? Resolution.MINUTE : Resolution.MINUTE_BUCKETS);
        return new ChartRange(period, step, resolution);
    }

    static Duration parseStep(final String step) {
        final String s = step.strip().toLowerCase(Locale.ROOT);
        final Matcher m = SHORT.matcher(s);
        if (m.matches()) {
            final long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            final Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // the message below
        }
        throw new InvalidQueryException("step is not a duration: '" + step + "' (e.g. 5m, 1h, 1d or PT5M)");
    }

    private static long points(final long seconds, final Duration step) {
        return (seconds + step.toSeconds() - 1) / step.toSeconds();
    }

    private static Duration minutes(final long n) {
        return Duration.ofMinutes(n);
    }

    private static Duration hours(final long n) {
        return Duration.ofHours(n);
    }
}
