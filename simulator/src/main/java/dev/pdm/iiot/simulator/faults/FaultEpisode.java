package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.events.model.Sensors;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One fault of one machine over a span of simulated time: the ground truth a detector is scored on.
 * The episode covers {@code [start, end)}; it develops from nothing to its full {@code severity}
 * over {@code development} and holds there until its end.
 *
 * @param machineId   the machine
 * @param type        the fault
 * @param start       its first instant
 * @param end         the instant it is over (repaired), or null when it lasts until the run stops
 * @param development how long it takes to reach full severity (zero: at once)
 * @param severity    its full strength, in (0, 1]
 * @param sensor      the sensor of a sensor fault, else null
 */
public record FaultEpisode(
        String machineId,
        FaultType type,
        Instant start,
        Instant end,
        Duration development,
        double severity,
        String sensor) {

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
    }

    /** Whether the instant lies in {@code [start, end)}. */
    public boolean isActiveAt(final Instant t) {
        return !t.isBefore(start) && (end == null || t.isBefore(end));
    }

    /** Whether the episode is over at the instant. */
    public boolean isOverAt(final Instant t) {
        return end != null && !t.isBefore(end);
    }

    /** How far the fault has developed at the instant, 0 to 1 (1 once {@code development} has passed). */
    public double ramp(final Instant t) {
        if (t.isBefore(start)) {
            return 0.0;
        }
        if (development.isZero()) {
            return 1.0;
        }
        final double elapsed = Duration.between(start, t).toNanos();
        return Math.min(1.0, elapsed / development.toNanos());
    }

    /** Its strength at the instant: severity times ramp. */
    public double intensity(final Instant t) {
        return severity * ramp(t);
    }
}
