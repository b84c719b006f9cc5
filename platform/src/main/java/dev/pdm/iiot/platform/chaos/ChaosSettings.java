package dev.pdm.iiot.platform.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a chaos run does besides its cluster.
 *
 * @param machines          simulated machines, each with its own {@code seq}
 * @param readingsPerSecond the plant's steady rate over all machines
 * @param faultsPerHour     fault episodes of the simulated machines (so that alerts are raised and cleared)
 * @param faults            the parts killed, in order
 * @param spacing           the least time from one kill to the next: the platform runs undisturbed in between
 * @param warmUp            how long the plant runs before the first kill (models train, alerts open)
 * @param recoveryTimeout   how long a fault may take to recover before the run counts it as not survived
 * @param seed              the simulator's seed
 */
public record ChaosSettings(int machines, double readingsPerSecond, double faultsPerHour, List<Fault> faults,
                            Duration spacing, Duration warmUp, Duration recoveryTimeout, long seed) {

    public ChaosSettings {
        faults = List.copyOf(faults);
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(warmUp, "warmUp");
        Objects.requireNonNull(recoveryTimeout, "recoveryTimeout");
        if (machines < 1 || !(readingsPerSecond > 0)) {
            throw new IllegalArgumentException("a chaos run needs machines and a positive rate, got " + machines
                    + " machines at " + readingsPerSecond + "/s");
        }
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("a chaos run needs at least one fault");
        }
    }

    /** The time between two readings of one machine. */
    public Duration interval() {
        return Duration.ofNanos(Math.round(machines * 1e9 / readingsPerSecond));
    }
}
