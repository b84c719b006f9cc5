package dev.pdm.iiot.simulator.load;

import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.core.TelemetryGenerator;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.output.LabelSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class ProgressReporterTest {

    @Test
    void printsProgressLinesAndSummarisesTheWindowAfterTheWarmup() throws InterruptedException {
        final PlantConfig plant = new PlantConfig(MachineIds.first(100), Duration.ofMillis(100), 1, FaultPlan.NONE,
                ReadingFormat.DEFAULT);
        final Simulation sim = Simulation.builder().source(new TelemetryGenerator(plant, LabelSink.NONE))
                .duration(Duration.ofMillis(2500)).build();
        final List<String> lines = new CopyOnWriteArrayList<>();
        final ProgressReporter reporter = new ProgressReporter(sim.stats(), null, Duration.ofMillis(500),
                Duration.ofMillis(1000), lines::add);

        final long started = System.nanoTime();
        sim.start();
        reporter.start();
        await().until(() -> lines.stream().anyMatch(l -> l.startsWith("warm-up over")));
        assertThat(sim.awaitTermination(Duration.ofSeconds(20))).isTrue();
        reporter.close();
        final LoadSummary summary = reporter.summary();

        assertThat(lines).anyMatch(l -> l.contains("readings") && l.contains("(warm-up)"));
        // the window runs from the end of the warm-up to the last reading
        assertThat(summary.seconds()).isPositive()
                .isLessThan((sim.stats().endNanos() - started) / 1e9 - 0.9);
        assertThat(summary.readings()).isPositive().isLessThanOrEqualTo(sim.stats().readings());
        assertThat(summary.readingRate()).isEqualTo(summary.readings() / summary.seconds());
        assertThat(summary.published()).isNull();
        assertThat(summary.lines()).first().asString().startsWith("summary over");
    }
}
