package dev.pdm.iiot.detector.evaluate;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/** Durations on the command line as configuration writes them: {@code 90s}, {@code 30m}, {@code 2h}, {@code 0}, or ISO-8601. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(final String value) {
        final String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        if (v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        final long amount = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 90s, 30m, 2h)");
        };
    }
}
