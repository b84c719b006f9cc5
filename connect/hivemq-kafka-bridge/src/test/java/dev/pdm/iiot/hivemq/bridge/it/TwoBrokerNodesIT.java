package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.hivemq.bridge.EmbeddedBridge;
import dev.pdm.iiot.hivemq.bridge.KafkaBridgeMain;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.localstack.mqtt.MqttBroker;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HiveMQ CE has no clustering: ingest grows by independent broker nodes, each running the bridge
 * into the same Kafka. Devices spread over two nodes; every reading of every machine arrives, in
 * the order the machine published it.
 */
class TwoBrokerNodesIT {

    private static final Logger LOG = LoggerFactory.getLogger(TwoBrokerNodesIT.class);
    private static final int DEVICES_PER_NODE = 50;
    private static final int READINGS = 200;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void readingsFromTwoNodesArriveInOrderPerMachine(@TempDir final Path second) throws Exception {
        final AtomicReference<EmbeddedBridge> secondBridge = new AtomicReference<>();
        try (BridgeStack stack = BridgeStack.start();
             MqttBroker node2 = new MqttBroker(MqttBrokerConfig.loopback(second, MqttPersistence.IN_MEMORY), () -> {
                 final EmbeddedBridge bridge = EmbeddedBridge.of(BridgeConfig.defaults(stack.bootstrapServers()));
                 secondBridge.set(bridge);
                 return bridge.extension();
             })) {
            node2.start();
            try (Devices onNode1 = Devices.connect(DEVICES_PER_NODE,
                         i -> new Mqtt5Device(stack.mqttUri(), "NODE1_" + i, 10, false));
                 Devices onNode2 = Devices.connect(DEVICES_PER_NODE,
                         i -> new Mqtt5Device(node2.uri(), "NODE2_" + i, 10, false));
                 Telemetry telemetry = new Telemetry(stack.bootstrapServers(), KafkaTopics.TELEMETRY)) {
                final List<Device> all = List.of(onNode1.all(), onNode2.all()).stream().flatMap(List::stream).toList();
                for (long seq = 0; seq < READINGS; seq++) {
                    for (final Device device : all) {
                        device.publish(seq);
                    }
                }
                Devices.awaitAllAcknowledged(all, Duration.ofMinutes(2));
                await("every reading in Kafka").atMost(Duration.ofMinutes(1))
                        .until(() -> telemetry.poll().count() >= (long) all.size() * READINGS);

                final List<Long> inOrder = LongStream.range(0, READINGS).boxed().toList();
                for (final Device device : all) {
                    assertThat(telemetry.seqs(device.machine())).as(device.machine()).isEqualTo(inOrder);
                }
                final KafkaBridgeMain first = stack.bridge();
                assertThat(first.metrics().forwardedCount()).isEqualTo((long) DEVICES_PER_NODE * READINGS);
                assertThat(secondBridge.get().main().metrics().forwardedCount())
                        .isEqualTo((long) DEVICES_PER_NODE * READINGS);
                LOG.info("{} readings through two broker nodes, {} each, all in Kafka in order per machine",
                        all.size() * READINGS, DEVICES_PER_NODE * READINGS);
            }
        }
    }
}
