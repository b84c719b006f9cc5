package dev.pdm.iiot.simulator.replay;

import dev.pdm.iiot.simulator.testing.CapturingSink;
import dev.pdm.iiot.simulator.testing.ReadingSubscriber;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.mqtt.MqttPublisher;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.mqtt.PublishStats;
import dev.pdm.iiot.simulator.output.FaultLabel;
import dev.pdm.iiot.simulator.output.LabelWriter;
import dev.pdm.iiot.simulator.replay.AnomalyBlock;
import dev.pdm.iiot.simulator.replay.SkabFile;
import dev.pdm.iiot.simulator.replay.SkabParser;
import dev.pdm.iiot.simulator.replay.SkabReplay;
import dev.pdm.iiot.simulator.replay.SkabRow;
import dev.pdm.iiot.simulator.replay.TimestampMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A file of the shared SKAB data (../shared/data/skab beside the repository) replayed through the
 * real HiveMQ, 200 times faster than recorded: every row arrives, in order, with its values, and
 * its anomaly block is labelled on the replayed timestamps.
 */
@Timeout(120)
@LocalStackTest(scope = LocalStackTest.Scope.RUN, connect = false)
class SkabReplayIT {

    private static final double SPEED = 200;

    private static Path skabFile(final String name) {
        final Path dir = Path.of(System.getProperty("skab.dir", "../../shared/data/skab"));
        final Path file = dir.resolve(name);
        assertThat(file).as("the shared SKAB data; set -Dskab.dir to its folder").isRegularFile();
        return file;
    }

    @Test
    void aSkabFileIsReplayedRowByRowInOrderWithItsLabels(final BrokerStack stack, @TempDir final Path dir)
            throws Exception {
        final SkabFile file = SkabParser.parse(skabFile("valve1/2.csv"));
        final Path labelsFile = dir.resolve("labels.jsonl");
        final LabelWriter labels = LabelWriter.toFile(labelsFile);
        final PublishStats stats = new PublishStats();

        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(stack.mqttUri(), "it-replay-sub", false)) {
            final Simulation sim = Simulation.builder()
                    .source(new SkabReplay(List.of(file), List.of("MACHINE_007"), SPEED, TimestampMode.SHIFTED,
                            ReadingFormat.DEFAULT, labels))
                    .sink(MqttPublisher.connect(MqttSettings.defaults(stack.mqttUri()), stats))
                    .build()
                    .start();
            assertThat(sim.awaitTermination(Duration.ofSeconds(60))).isTrue();
            assertThat(sim.failure()).isEmpty();
            final int rows = file.rows().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received().size() >= rows);

            final List<TelemetryReading> received = subscriber.received().stream()
                    .map(ReadingSubscriber.Received::reading).toList();
            assertThat(received).hasSize(rows);
            assertThat(received).extracting(TelemetryReading::seq)
                    .containsExactlyElementsOf(IntStream.range(0, rows).mapToObj(i -> (long) i).toList());
            final Instant first = file.rows().get(0).time();
            for (int i = 0; i < rows; i++) {
                final SkabRow row = file.rows().get(i);
                final TelemetryReading reading = received.get(i);
                assertThat(reading.machineId()).isEqualTo("MACHINE_007");
                assertThat(reading.timestamp()).isEqualTo(sim.runStart()
                        .plusNanos((long) (Duration.between(first, row.time()).toNanos() / SPEED)).truncatedTo(ChronoUnit.MILLIS));
                for (int s = 0; s < file.sensors().size(); s++) {
                    assertThat(reading.value(file.sensors().get(s))).isEqualTo(row.values()[s]);
                }
            }

            final AnomalyBlock block = file.anomalyBlocks().get(0);
            assertThat(file.anomalyBlocks()).hasSize(1);
            final FaultLabel label = new FaultLabel("MACHINE_007", "ANOMALY",
                    received.get(block.first()).timestamp(), received.get(block.last() + 1).timestamp());
            assertThat(Files.readAllLines(labelsFile)).containsExactly(
                    "{\"machine_id\":\"MACHINE_007\",\"fault\":\"ANOMALY\",\"start\":\"" + label.start()
                            + "\",\"end\":\"" + label.end() + "\"}");
            assertThat(IntStream.range(0, rows).filter(i -> !received.get(i).timestamp().isBefore(label.start())
                    && received.get(i).timestamp().isBefore(label.end())).toArray())
                    .as("the labelled readings are exactly the anomaly=1 rows")
                    .containsExactly(IntStream.rangeClosed(block.first(), block.last()).toArray());
        }
    }
}
