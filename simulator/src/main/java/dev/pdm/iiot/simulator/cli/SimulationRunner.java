package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.core.ReadingSource;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.load.LoadSummary;
import dev.pdm.iiot.simulator.load.ProgressReporter;
import dev.pdm.iiot.simulator.mqtt.MqttPublisher;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.mqtt.PublishStats;
import dev.pdm.iiot.simulator.output.ReadingSink;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a source to its end or to Ctrl-C on the command line: connects the publisher, starts the
 * simulation and the progress lines, and prints the summary. On Ctrl-C the shutdown hook stops
 * the simulation (flushing and disconnecting) and lets the summary be printed before the JVM exits.
 */
final class SimulationRunner {

    private final PrintWriter out;

    SimulationRunner(final PrintWriter out) {
        this.out = out;
    }

    /**
     * @return the exit code: 0 when the run ended normally, 1 when it failed
     */
    int run(final ReadingSource source, final boolean realTime, final Duration duration, final Instant start,
            final MqttSettings mqtt, final List<ReadingSink> sinks, final Duration progress, final Duration warmup)
            throws Exception {
        final PublishStats stats = mqtt == null ? null : new PublishStats();
        final Simulation.Builder builder = Simulation.builder().source(source).realTime(realTime).duration(duration).start(start);
        if (mqtt != null) {
            out.printf("connecting %d client(s) to %s%n", mqtt.clients(), String.join(",", mqtt.serverUris()));
            out.flush();
            builder.sink(MqttPublisher.connect(mqtt, stats));
        }
        sinks.forEach(builder::sink);
        final Simulation simulation = builder.build();
        final ProgressReporter reporter = new ProgressReporter(simulation.stats(), stats, progress, warmup, line -> {
            out.println(line);
            out.flush();
        });
        final CountDownLatch reported = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            simulation.stop();
            try {
                reported.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            simulation.start();
            reporter.start();
            while (!simulation.awaitTermination(Duration.ofSeconds(1))) {
                // wait for the end of the run or for Ctrl-C
            }
            reporter.close();
            final LoadSummary summary = reporter.summary();
            summary.lines().forEach(out::println);
            simulation.failure().ifPresent(e -> out.println("the run failed: " + e));
            out.flush();
            return simulation.failure().isPresent() ? 1 : 0;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }
}
