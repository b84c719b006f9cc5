package dev.pdm.iiot.simulator.core;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import dev.pdm.iiot.simulator.output.FaultLabel;
import dev.pdm.iiot.simulator.output.LabelSink;
import dev.pdm.iiot.simulator.output.LabelWriter;
import dev.pdm.iiot.simulator.output.ReadingSink;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class SimulationTest {

    /** Collects readings; remembers being closed. */
    static final class CollectingSink implements ReadingSink {
        final List<TelemetryReading> readings = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void accept(final TelemetryReading reading, final byte[] json) {
            readings.add(reading);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static PlantConfig plant(final int machines, final Duration interval) {
        return new PlantConfig(MachineIds.first(machines), interval, 1,
                new FaultPlan(List.of(), RandomFaults.NONE, new Degradation(1, Duration.ZERO, Duration.ofHours(1))),
                ReadingFormat.DEFAULT);
    }

    @Test
    void aFastRunGeneratesItsDurationInSimulatedTime() throws InterruptedException {
        final CollectingSink sink = new CollectingSink();
        final Simulation sim = Simulation.builder().source(new TelemetryGenerator(plant(3, Duration.ofSeconds(3)),
                        LabelSink.NONE))
                .sink(sink).realTime(false).duration(Duration.ofHours(1)).start(TestPlants.START).build();

        sim.start();

        assertThat(sim.awaitTermination(Duration.ofSeconds(20))).isTrue();
        assertThat(sink.readings).hasSize(3 * 1200);
        assertThat(sink.closed).isTrue();
        assertThat(sim.failure()).isEmpty();
        assertThat(sink.readings.get(sink.readings.size() - 1).timestamp())
                .isEqualTo(TestPlants.START.plus(Duration.ofHours(1)).minusSeconds(1));
    }

    @Test
    void realTimeRunsHandEachReadingOverWhenItIsDue() throws InterruptedException {
        final CollectingSink sink = new CollectingSink();
        final Simulation sim = Simulation.builder().source(new TelemetryGenerator(plant(50, Duration.ofMillis(100)),
                        LabelSink.NONE))
                .sink(sink).duration(Duration.ofMillis(1000)).build();
        final long started = System.nanoTime();

        sim.start();
        assertThat(sim.awaitTermination(Duration.ofSeconds(20))).isTrue();

        assertThat(sink.readings).hasSize(500);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(980));
        assertThat(sim.stats().readings()).isEqualTo(500);
    }

    @Test
    void stopEndsTheRunClosesTheSinksAndRecordsOpenEpisodes() {
        final CollectingSink sink = new CollectingSink();
        final StringWriter labelsOut = new StringWriter();
        final LabelWriter labels = new LabelWriter(labelsOut);
        final Simulation sim = Simulation.builder().source(new TelemetryGenerator(plant(3, Duration.ofMillis(30)), labels))
                .sink(sink).build().start();
        await().until(() -> sink.readings.size() >= 30);

        sim.stop();

        assertThat(sim.isDone()).isTrue();
        assertThat(sink.closed).isTrue();
        assertThat(labels.written()).singleElement().satisfies(l -> {
            assertThat(l).isEqualTo(new FaultLabel("MACHINE_003", "DEGRADATION", sim.runStart(), null));
        });
        final int count = sink.readings.size();
        assertThat(sim.stats().readings()).isEqualTo(count);
    }

    @Test
    void aFastRunOfAnEndlessSourceNeedsADuration() {
        assertThatThrownBy(() -> Simulation.builder()
                .source(new TelemetryGenerator(plant(1, Duration.ofSeconds(1)), LabelSink.NONE))
                .realTime(false).build()).hasMessageContaining("needs a duration");
    }

    @Test
    void aFailingSinkEndsTheRunWithTheFailure() throws InterruptedException {
        final ReadingSink failing = new ReadingSink() {
            @Override
            public void accept(final TelemetryReading reading, final byte[] json) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void close() {
            }
        };
        final Simulation sim = Simulation.builder()
                .source(new TelemetryGenerator(plant(1, Duration.ofSeconds(1)), LabelSink.NONE))
                .sink(failing).realTime(false).duration(Duration.ofMinutes(1)).build().start();

        assertThat(sim.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(sim.failure()).get().asInstanceOf(InstanceOfAssertFactories.THROWABLE)
                .hasMessage("disk full");
    }
}
