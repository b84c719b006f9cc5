package dev.pdm.iiot.simulator.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 500ms}, {@code 3s}, {@code 10m}, {@code 1h30m}, {@code 2d}, ISO {@code PT10M}, or plain seconds. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");

    private Durations() {
    }

    public static Duration parse(final String text) {
        final String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (s.startsWith("p") || s.startsWith("-p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "'", e);
            }
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            return ofSeconds(Double.parseDouble(s));
        }
        final Matcher m = PART.matcher(s);
        int at = 0;
        Duration total = Duration.ZERO;
        while (m.find() && m.start() == at) {
            final double amount = Double.parseDouble(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> ofSeconds(amount / 1000.0);
                case "s" -> ofSeconds(amount);
                case "m" -> ofSeconds(amount * 60.0);
                case "h" -> ofSeconds(amount * 3600.0);
                default -> ofSeconds(amount * 86_400.0);
            });
            at = m.end();
        }
        if (at != s.length() || at == 0) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 500ms, 3s, 10m, 1h30m, 2d)");
        }
        return total;
    }

    /** A short human form: {@code 3s}, {@code 1h30m}, {@code 250ms}. */
    public static String format(final Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillis() < 1000 && d.toNanos() % 1_000_000 == 0) {
            return d.toMillis() + "ms";
        }
        final StringBuilder b = new StringBuilder();
        long seconds = d.getSeconds();
        final long days = seconds / 86_400;
        seconds %= 86_400;
        if (days > 0) {
            b.append(days).append('d');
        }
        if (seconds / 3600 > 0) {
            b.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 / 60 > 0) {
            b.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0 || d.getNano() > 0) {
            b.append(seconds % 60);
            if (d.getNano() > 0) {
                b.append(String.format(Locale.ROOT, ".%03d", d.getNano() / 1_000_000).replaceAll("0+$", ""));
            }
            b.append('s');
        }
        return b.toString();
    }

    private static Duration ofSeconds(final double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
