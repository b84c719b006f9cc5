package dev.pdm.iiot.simulator.core;

import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.RandomFaults;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A simulated plant: its machines, how often each reports, the seed and the faults.
 *
 * @param machineIds the machines, in order
 * @param interval   time between two readings of one machine
 * @param seed       the seed of every random stream; one seed gives one run
 * @param faults     the fault episodes to inject
 * @param format     optional fields of the readings
 */
public record PlantConfig(List<String> machineIds, Duration interval, long seed, FaultPlan faults, ReadingFormat format) {

    /** The prototype's plant: 3 machines every 3 s, the last degrading after 10 minutes over 2 hours. */
    public static PlantConfig prototype(final long seed) {
        return new PlantConfig(MachineIds.first(3), Duration.ofSeconds(3), seed,
                new FaultPlan(List.of(), RandomFaults.NONE,
                        new Degradation(1, Duration.ofMinutes(10), Duration.ofHours(2))),
                ReadingFormat.DEFAULT);
    }

    public PlantConfig {
        machineIds = List.copyOf(machineIds);
        if (machineIds.isEmpty()) {
            throw new IllegalArgumentException("a plant needs at least one machine");
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, was " + interval);
        }
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(format, "format");
        faults.validate(machineIds);
    }

    public int machineCount() {
        return machineIds.size();
    }
}
