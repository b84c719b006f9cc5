package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.simulator.core.Durations;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A fault episode asked for on the command line, relative to the start of the run:
 * {@code machine=MACHINE_002,type=BEARING_WEAR,start=10m,duration=30m} with optional
 * {@code severity=0.8} (default 1), {@code development=5m} (default half the duration) and, for
 * sensor faults, {@code sensor=temperature} (required).
 *
 * @param machine     a machine id, or its 1-based number
 * @param type        the fault
 * @param start       offset from the start of the run
 * @param duration    how long it lasts; null: until the run stops
 * @param development time to full severity; null: half the duration (or at once for a stuck sensor)
 * @param severity    full strength in (0, 1]
 * @param sensor      the sensor of a sensor fault
 */
public record FaultSpec(
        String machine,
        FaultType type,
        Duration start,
        Duration duration,
        Duration development,
        double severity,
        String sensor) {

    public FaultSpec {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        if (start.isNegative()) {
            throw new IllegalArgumentException("start must not be negative");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }

    /** Parses {@code key=value} pairs separated by commas. */
    public static FaultSpec parse(final String text) {
        final Map<String, String> fields = new LinkedHashMap<>();
        for (final String part : text.split(",")) {
            final int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + part.trim() + "' in '" + text + "'");
            }
            final String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (fields.put(key, part.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("'" + key + "' given twice in '" + text + "'");
            }
        }
        final String machine = required(fields, "machine", text);
        final FaultType type = typeOf(required(fields, "type", text));
        final Duration start = Durations.parse(required(fields, "start", text));
        final Duration duration = fields.containsKey("duration") ? Durations.parse(fields.remove("duration")) : null;
        final Duration development = fields.containsKey("development")
                ? Durations.parse(fields.remove("development")) : null;
        final double severity = fields.containsKey("severity") ? Double.parseDouble(fields.remove("severity")) : 1.0;
        final String sensor = fields.remove("sensor");
        if (!fields.isEmpty()) {
            throw new IllegalArgumentException("unknown keys " + fields.keySet() + " in '" + text
                    + "'; known: machine, type, start, duration, development, severity, sensor");
        }
        return new FaultSpec(machine, type, start, duration, development, severity, sensor);
    }

    /** The development time this spec stands for. */
    public Duration effectiveDevelopment() {
        if (development != null) {
            return development;
        }
        if (type == FaultType.STUCK_SENSOR) {
            return Duration.ZERO;
        }
        return duration == null ? Duration.ofMinutes(30) : duration.dividedBy(2);
    }

    private static String required(final Map<String, String> fields, final String key, final String text) {
        final String value = fields.remove(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' is missing in '" + text + "'");
        }
        return value;
    }

    private static FaultType typeOf(final String name) {
        try {
            return FaultType.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault type '" + name + "'; one of "
                    + Arrays.toString(FaultType.values()), e);
        }
    }
}
