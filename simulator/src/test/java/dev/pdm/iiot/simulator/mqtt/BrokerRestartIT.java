package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.core.TelemetryGenerator;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.mqtt.MqttPublisher;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.mqtt.PublishStats;
import dev.pdm.iiot.simulator.output.LabelSink;
import dev.pdm.iiot.simulator.testing.CapturingSink;
import dev.pdm.iiot.simulator.testing.ReadingSubscriber;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker restarts while the simulator publishes: the simulator buffers, reconnects by itself
 * and sends what it buffered; at QoS 1 not one reading is missing. HiveMQ keeps its sessions on
 * disk here, so the persistent subscriber's queue survives the restart too.
 */
@Timeout(180)
class BrokerRestartIT {

    @ParameterizedTest
    @EnumSource(MqttSettings.Transport.class)
    void afterABrokerRestartTheSimulatorReconnectsAndPublishesWhatItBuffered(final MqttSettings.Transport transport,
                                                                           @TempDir final Path dir) throws Exception {
        final PlantConfig plant = new PlantConfig(MachineIds.first(3), Duration.ofMillis(50), 7, FaultPlan.NONE,
                ReadingFormat.DEFAULT);
        final PublishStats stats = new PublishStats();
        final CapturingSink sent = new CapturingSink();

        try (LocalStack stack = LocalStack.builder().dataDir(dir).mqttPersistence(MqttPersistence.FILE)
                .withConnect(false).build().start();
             ReadingSubscriber subscriber = ReadingSubscriber.subscribe(stack.mqttUri(), "it-restart-sub", true)) {
            final MqttPublisher publisher = MqttPublisher.connect(MqttSettings.defaults(stack.mqttUri()).withTransport(transport), stats);
            final Simulation sim = Simulation.builder().source(new TelemetryGenerator(plant, LabelSink.NONE))
                    .sink(publisher).sink(sent).build().start();
            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received().size() >= 60);

            stack.mqtt().stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> !publisher.isConnected());
            final long generatedAtStop = sim.stats().readings();
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.stats().readings() >= generatedAtStop + 60);
            stack.mqtt().start();
            await().atMost(Duration.ofSeconds(60)).until(() -> publisher.isConnected() && subscriber.isConnected());
            final long generatedAtRestart = sim.stats().readings();
            await().atMost(Duration.ofSeconds(30)).until(() -> stats.acked() > generatedAtRestart);
            sim.stop();

            assertThat(sim.failure()).isEmpty();
            assertThat(stats.bufferedWhileOffline()).as("readings published while the broker was away").isPositive();
            assertThat(stats.failed()).isZero();
            assertThat(stats.published()).isEqualTo(sent.readings().size());
            assertThat(stats.acked()).isEqualTo(stats.published());
            final Map<String, Long> generated = sent.readings().stream()
                    .collect(Collectors.groupingBy(r -> r.machineId(), Collectors.counting()));
            assertThat(generated).hasSize(3);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> generated.forEach((machine, count) ->
                    assertThat(subscriber.seqsOf(machine)).as("missing readings of " + machine)
                            .containsExactlyElementsOf(LongStream.range(0, count).boxed().toList())));
        }
    }
}
