package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.simulator.core.Durations;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One fault of one machine over a span of simulated time: the ground truth a detector is scored on.
 * The episode covers {@code [start, end)}; it develops from nothing to its full {@code severity}
 * over {@code development} and holds there until its end. A {@link FaultType#SLOW_DEGRADATION} may
 * have begun before it was first seen: it starts at {@code initialLevel} and develops on at the same
 * pace, reaching full severity {@code (1 - initialLevel) · development} after its start.
 *
 * @param machineId   the machine
 * @param type        the fault
 * @param start       its first instant
 * @param end         the instant it is over (repaired), or null when it lasts until the run stops
 * @param development how long it takes to reach full severity (zero: at once)
 * @param severity    its full strength, in (0, 1]
 * @param sensor      the sensor of a sensor fault, else null
 * @param mix         the sensors a slow degradation moves (null: {@link DegradationMix#PROTOTYPE}); null for other faults
 * @param initialLevel how far a slow degradation had developed at its start, in [0, 1); 0 for other faults
 */
public record FaultEpisode(
        String machineId,
        FaultType type,
        Instant start,
        Instant end,
        Duration development,
        double severity,
        String sensor,
        DegradationMix mix,
        double initialLevel) {

    public FaultEpisode {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(development, "development");
        if (end != null && !end.isAfter(start)) {
            throw new IllegalArgumentException("an episode must end after it starts: " + start + " .. " + end);
        }
        if (development.isNegative()) {
            throw new IllegalArgumentException("development must not be negative");
        }
        if (!(severity > 0 && severity <= 1)) {
            throw new IllegalArgumentException("severity must lie in (0, 1], was " + severity);
        }
        if (type.isSensorFault()) {
            Objects.requireNonNull(sensor, "a sensor fault needs its sensor");
            if (!Sensors.PHYSICAL.contains(sensor)) {
                throw new IllegalArgumentException("not a sensor of the machine: " + sensor + "; one of " + Sensors.PHYSICAL);
            }
        } else if (sensor != null) {
            throw new IllegalArgumentException(type + " is not a sensor fault; it takes no sensor");
        }
        if (type == FaultType.SLOW_DEGRADATION) {
            mix = mix == null ? DegradationMix.PROTOTYPE : mix;
            if (!(initialLevel >= 0 && initialLevel < 1)) {
                throw new IllegalArgumentException("the initial level must lie in [0, 1), was " + initialLevel);
            }
        } else if (mix != null || initialLevel != 0) {
            throw new IllegalArgumentException(type + " takes no mix and no initial level; only "
                    + FaultType.SLOW_DEGRADATION + " does");
        }
    }

    /** An episode of any fault but a slow degradation (or one of the prototype's mix, from nothing). */
    public FaultEpisode(final String machineId, final FaultType type, final Instant start, final Instant end,
                        final Duration development, final double severity, final String sensor) {
        this(machineId, type, start, end, development, severity, sensor, null, 0.0);
    }

    /** Whether the instant lies in {@code [start, end)}. */
    public boolean isActiveAt(final Instant t) {
        return !t.isBefore(start) && (end == null || t.isBefore(end));
    }

    /** Whether the episode is over at the instant. */
    public boolean isOverAt(final Instant t) {
        return end != null && !t.isBefore(end);
    }

    /**
     * How far the fault has developed at the instant, 0 to 1: linearly from {@code initialLevel} at its start,
     * 1 once it has fully developed.
     */
    public double ramp(final Instant t) {
        if (t.isBefore(start)) {
            return 0.0;
        }
        if (development.isZero()) {
            return 1.0;
        }
        final double elapsed = Duration.between(start, t).toNanos();
        final double developed = elapsed / development.toNanos();
        return Math.min(1.0, initialLevel > 0 ? initialLevel + developed : developed);
    }

    /** Its strength at the instant: severity times ramp. */
    public double intensity(final Instant t) {
        return severity * ramp(t);
    }

    /**
     * What the label says besides the type, for a slow degradation: its mix, development time, initial level
     * and severity as the {@code --fault} keys write them ({@code mix=BEARING,development=24h,from=0.4}); null for
     * other faults.
     */
    public String detail() {
        if (type != FaultType.SLOW_DEGRADATION) {
            return null;
        }
        final StringBuilder b = new StringBuilder("mix=").append(mix.name())
                .append(",development=").append(hours(development));
        if (initialLevel > 0) {
            b.append(",from=").append(decimal(initialLevel));
        }
        if (severity < 1) {
            b.append(",severity=").append(decimal(severity));
        }
        return b.toString();
    }

    /** Whole hours as hours ({@code 48h}, not {@code 2d}), anything else as {@link Durations#format} writes it. */
    private static String hours(final Duration d) {
        return d.toSecondsPart() == 0 && d.toMinutesPart() == 0 && d.toNanosPart() == 0 && !d.isZero()
                ? d.toHours() + "h" : Durations.format(d);
    }

    private static String decimal(final double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
