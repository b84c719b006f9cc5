package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.validation.ReadingParser;
import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.core.TelemetryGenerator;
import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import dev.pdm.iiot.simulator.mqtt.MqttPublisher;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.mqtt.PublishStats;
import dev.pdm.iiot.simulator.output.LabelSink;
import dev.pdm.iiot.simulator.testing.CapturingSink;
import dev.pdm.iiot.simulator.testing.ReadingSubscriber;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readings of three machines arrive on the real HiveMQ with the right topic, payload and QoS. */
@Timeout(120)
@LocalStackTest(scope = LocalStackTest.Scope.RUN, connect = false)
class MqttPublishIT {

    @ParameterizedTest
    @EnumSource(MqttSettings.Transport.class)
    void threeMachinesArriveWithTheirTopicPayloadAndQos(final MqttSettings.Transport transport, final BrokerStack stack)
            throws Exception {
        final PlantConfig plant = new PlantConfig(MachineIds.first(3), Duration.ofMillis(200), 42,
                new FaultPlan(List.of(), RandomFaults.NONE, new Degradation(1, Duration.ZERO, Duration.ofSeconds(30))),
                ReadingFormat.DEFAULT);
        final PublishStats stats = new PublishStats();
        final CapturingSink sent = new CapturingSink();

        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(stack.mqttUri(), "it-publish-sub", false)) {
            final Simulation sim = Simulation.builder()
                    .source(new TelemetryGenerator(plant, LabelSink.NONE))
                    .sink(MqttPublisher.connect(MqttSettings.defaults(stack.mqttUri()).withClients(2).withTransport(transport), stats))
                    .sink(sent)
                    .duration(Duration.ofSeconds(3))
                    .build()
                    .start();
            assertThat(sim.awaitTermination(Duration.ofSeconds(60))).isTrue();
            assertThat(sim.failure()).isEmpty();

            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received().size() >= sent.json().size());

            final List<ReadingSubscriber.Received> received = subscriber.received();
            assertThat(sent.json()).hasSize(45);
            assertThat(received).hasSize(45);
            assertThat(stats.acked()).isEqualTo(45);
            assertThat(stats.failed()).isZero();
            assertThat(received).allSatisfy(r -> {
                final TelemetryReading reading = r.reading();
                assertThat(r.topic()).isEqualTo(MqttTopics.sensors(reading.machineId()));
                assertThat(r.qos()).isEqualTo(1);
                assertThat(ReadingParser.withDefaults().parse(r.payload(), reading.timestamp(),
                        reading.machineId()).isAccepted()).isTrue();
            });
            // byte for byte what the simulator generated; in order per machine
            for (final String machine : MachineIds.first(3)) {
                assertThat(received.stream().filter(r -> r.topic().equals(MqttTopics.sensors(machine)))
                        .map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList())
                        .containsExactlyElementsOf(sent.json().stream()
                                .filter(j -> j.startsWith("{\"machine_id\":\"" + machine + "\"")).toList());
                assertThat(subscriber.seqsOf(machine)).hasSize(15).first().isEqualTo(0L);
            }
            assertThat(received.get(0).reading().values()).containsKeys("temperature", "vibration", "current",
                    "pressure", "rpm", "runtime_hours", "degradation_level");
        }
    }
}
