package dev.pdm.iiot.simulator.core;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.FaultSpec;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import dev.pdm.iiot.simulator.output.LabelSink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small plants and their readings, generated directly in simulated time. */
public final class TestPlants {

    public static final Instant START = Instant.parse("2025-11-21T08:00:00Z");

    private TestPlants() {
    }

    /** One healthy machine, or one with the given faults, reporting every {@code interval}. */
    public static PlantConfig oneMachine(final long seed, final Duration interval, final FaultSpec... faults) {
        return new PlantConfig(MachineIds.first(1), interval, seed,
                new FaultPlan(List.of(faults), RandomFaults.NONE, Degradation.NONE), ReadingFormat.DEFAULT);
    }

    /** Every reading of the plant for {@code duration} of simulated time from {@link #START}. */
    public static List<TelemetryReading> readings(final PlantConfig plant, final Duration duration, final LabelSink labels) {
        final TelemetryGenerator generator = new TelemetryGenerator(plant, labels);
        generator.start(START);
        final List<TelemetryReading> out = new ArrayList<>();
        while (generator.nextOffsetNanos() < duration.toNanos()) {
            out.add(generator.next());
        }
        generator.finish();
        return out;
    }

    public static List<TelemetryReading> readings(final PlantConfig plant, final Duration duration) {
        return readings(plant, duration, LabelSink.NONE);
    }
}
