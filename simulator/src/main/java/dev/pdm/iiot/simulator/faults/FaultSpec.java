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
 * <p>
 * A {@link FaultType#SLOW_DEGRADATION} takes {@code mix=BEARING} (default {@code PROTOTYPE}) and
 * {@code from=0.4}, the level it had reached before the run started (default 0; only with {@code start=0}).
 * Its development defaults to its duration (it reaches full strength as it ends: the machine fails and is
 * repaired), or to {@value #SLOW_DEVELOPMENT_HOURS} h when it has no duration (it then holds at full strength).
 *
 * @param machine     a machine id, or its 1-based number
 * @param type        the fault
 * @param start       offset from the start of the run
 * @param duration    how long it lasts; null: until the run stops
 * @param development time to full severity; null: half the duration (or at once for a stuck sensor)
 * @param severity    full strength in (0, 1]
 * @param sensor      the sensor of a sensor fault
 * @param mix         the sensors a slow degradation moves; null for other faults
 * @param initialLevel how far a slow degradation had developed before the run started, in [0, 1)
 */
public record FaultSpec(
        String machine,
        FaultType type,
        Duration start,
        Duration duration,
        Duration development,
        double severity,
        String sensor,
        DegradationMix mix,
        double initialLevel) {

    /** Development time of a slow degradation given neither development nor duration, hours. */
    public static final int SLOW_DEVELOPMENT_HOURS = 24;

    private static final String KNOWN_KEYS = "machine, type, start, duration, development, severity, sensor, mix, from";

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
        if (development != null && development.isNegative()) {
            throw new IllegalArgumentException("development must not be negative");
        }
        if (!(severity > 0 && severity <= 1)) {
            throw new IllegalArgumentException("severity must lie in (0, 1], was " + severity);
        }
        if (type == FaultType.SLOW_DEGRADATION) {
            mix = mix == null ? DegradationMix.PROTOTYPE : mix;
            if (!(initialLevel >= 0 && initialLevel < 1)) {
                throw new IllegalArgumentException("from (the level at the start of the run) must lie in [0, 1), was "
                        + initialLevel);
            }
            if (initialLevel > 0 && !start.isZero()) {
                throw new IllegalArgumentException("from is the level a slow degradation had reached before the run "
                        + "started: it needs start=0, not start=" + Durations.format(start));
            }
            if (development != null && development.isZero()) {
                throw new IllegalArgumentException("a slow degradation needs a development time above 0");
            }
        } else {
            if (mix != null) {
                throw new IllegalArgumentException("mix is for " + FaultType.SLOW_DEGRADATION + " only, not " + type);
            }
            if (initialLevel != 0) {
                throw new IllegalArgumentException("from is for " + FaultType.SLOW_DEGRADATION + " only, not " + type);
            }
        }
    }

    /** A spec of any fault but a slow degradation (or one of the prototype's mix, from nothing). */
    public FaultSpec(final String machine, final FaultType type, final Duration start, final Duration duration,
                     final Duration development, final double severity, final String sensor) {
        this(machine, type, start, duration, development, severity, sensor, null, 0.0);
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
        final double severity = fields.containsKey("severity") ? number("severity", fields.remove("severity"), text) : 1.0;
        final String sensor = fields.remove("sensor");
        final DegradationMix mix = fields.containsKey("mix") ? DegradationMix.parse(fields.remove("mix")) : null;
        final double from = fields.containsKey("from") ? number("from", fields.remove("from"), text) : 0.0;
        if (!fields.isEmpty()) {
            throw new IllegalArgumentException("unknown keys " + fields.keySet() + " in '" + text + "'; known: " + KNOWN_KEYS);
        }
        try {
            return new FaultSpec(machine, type, start, duration, development, severity, sensor, mix, from);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + text + "'", e);
        }
    }

    /** The development time this spec stands for. */
    public Duration effectiveDevelopment() {
        if (development != null) {
            return development;
        }
        if (type == FaultType.STUCK_SENSOR) {
            return Duration.ZERO;
        }
        if (type == FaultType.SLOW_DEGRADATION) {
            return duration == null ? Duration.ofHours(SLOW_DEVELOPMENT_HOURS) : duration;
        }
        return duration == null ? Duration.ofMinutes(30) : duration.dividedBy(2);
    }

    private static double number(final String key, final String value, final String text) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + value + "', in '" + text + "'", e);
        }
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
