package dev.pdm.iiot.simulator.faults;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Fault episodes drawn at random: a Poisson process per machine, one random episode at a time.
 *
 * @param perMachineHour mean number of episodes per machine and hour of simulated time (0: none)
 * @param types          the types to draw from, uniformly
 * @param minDuration    shortest episode
 * @param maxDuration    longest episode
 */
public record RandomFaults(double perMachineHour, List<FaultType> types, Duration minDuration, Duration maxDuration) {

    public static final RandomFaults NONE =
            new RandomFaults(0, FaultType.randomTypes(), Duration.ofMinutes(10), Duration.ofMinutes(40));

    public RandomFaults {
        if (!(perMachineHour >= 0) || Double.isInfinite(perMachineHour)) {
            throw new IllegalArgumentException("the fault rate must be zero or more, was " + perMachineHour);
        }
        types = List.copyOf(types);
        Objects.requireNonNull(minDuration, "minDuration");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (perMachineHour > 0 && types.isEmpty()) {
            throw new IllegalArgumentException("random faults need at least one fault type");
        }
        if (types.contains(FaultType.SLOW_DEGRADATION)) {
            throw new IllegalArgumentException(FaultType.SLOW_DEGRADATION + " is not drawn among the random faults: "
                    + "slow degradations are drawn per machine (--slow-faults, --degraded-at-start)");
        }
        if (minDuration.isNegative() || minDuration.isZero() || maxDuration.compareTo(minDuration) < 0) {
            throw new IllegalArgumentException("need 0 < min duration <= max duration, got "
                    + minDuration + " and " + maxDuration);
        }
    }

    public boolean enabled() {
        return perMachineHour > 0;
    }
}
