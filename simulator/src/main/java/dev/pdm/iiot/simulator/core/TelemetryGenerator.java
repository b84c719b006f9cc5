package dev.pdm.iiot.simulator.core;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.faults.FaultSpec;
import dev.pdm.iiot.simulator.faults.MachineFaultPlan;
import dev.pdm.iiot.simulator.output.LabelSink;
import dev.pdm.iiot.simulator.physics.MachineModel;
import dev.pdm.iiot.simulator.physics.OperatingPoint;
import dev.pdm.iiot.simulator.physics.RandomStreams;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * The readings of a simulated plant. Machine {@code i} of {@code n} reports at offsets
 * {@code i·interval/n + k·interval}, so that the plant's readings are spread evenly over each
 * interval; reading number {@code e} of the run is due at {@code e·interval/n}, which lets one
 * thread pace any number of machines. Timestamps are the due instants (to the millisecond), so a
 * run's values depend on its seed alone and, given the same start, its output is identical.
 */
public final class TelemetryGenerator implements ReadingSource {

    private final PlantConfig config;
    private final LabelSink labels;
    private final long intervalNanos;
    private final int n;
    private SimulatedMachine[] machines;
    private Instant runStart;
    private long event;

    public TelemetryGenerator(final PlantConfig config, final LabelSink labels) {
        this.config = Objects.requireNonNull(config, "config");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.intervalNanos = config.interval().toNanos();
        this.n = config.machineCount();
    }

    @Override
    public void start(final Instant start) {
        this.runStart = start;
        this.machines = new SimulatedMachine[n];
        final long seed = config.seed();
        final Map<Integer, FaultSpec> slow = config.faults().slow().draw(seed, config.machineIds());
        for (int i = 0; i < n; i++) {
            final OperatingPoint point = OperatingPoint.draw(RandomStreams.of(seed, i, RandomStreams.OPERATING_POINT));
            final MachineModel model = new MachineModel(point, RandomStreams.of(seed, i, RandomStreams.PROCESS));
            final MachineFaultPlan plan = config.faults().forMachine(i, config.machineIds(), start,
                    RandomStreams.of(seed, i, RandomStreams.FAULT_PLAN), slow.get(i));
            machines[i] = new SimulatedMachine(config.machineIds().get(i), model, plan,
                    RandomStreams.of(seed, i, RandomStreams.FAULT_EFFECTS), config.format(), labels);
        }
        this.event = 0;
    }

    @Override
    public long nextOffsetNanos() {
        return offsetOf(event);
    }

    @Override
    public TelemetryReading next() {
        final long offset = offsetOf(event);
        final int index = (int) (event % n);
        final boolean first = event < n;
        event++;
        final Instant t = runStart.plusNanos(offset).truncatedTo(ChronoUnit.MILLIS);
        return machines[index].read(t, offset / 1e9, first ? 0.0 : intervalNanos / 1e9);
    }

    @Override
    public int machineCount() {
        return n;
    }

    @Override
    public void finish() {
        labels.close();
    }

    /** The machine of this 0-based index, after {@link #start}. */
    public SimulatedMachine machine(final int index) {
        return machines[index];
    }

    private long offsetOf(final long e) {
        return (e / n) * intervalNanos + (e % n) * intervalNanos / n;
    }
}
