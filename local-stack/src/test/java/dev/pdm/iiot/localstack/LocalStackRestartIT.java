package dev.pdm.iiot.localstack;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.localstack.connect.ConnectClient;
import dev.pdm.iiot.localstack.support.CountingSourceConnector;
import dev.pdm.iiot.localstack.support.KafkaTestClients;
import dev.pdm.iiot.localstack.support.MqttTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stack closed and built again on the same data folder (file persistence) keeps what it had. */
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class LocalStackRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void aStackStartedAgainOnItsDataFolderKeepsRecordsConnectorsAndQueuedMqttMessages() throws Exception {
        final String subscriberId = "restart-subscriber";
        final String mqttTopic = "factory/machines/RESTART_1/sensors";
        final Map<String, String> records = new LinkedHashMap<>();
        IntStream.range(0, 100).forEach(i -> records.put("RESTART_" + i, "reading-" + i));
        final List<String> queued = IntStream.range(0, 100).mapToObj(i -> "queued-" + i).toList();
        final Map<String, String> connector = Map.of(
                "connector.class", CountingSourceConnector.class.getName(),
                "tasks.max", "1",
                CountingSourceConnector.TOPIC, "restart-counted",
                CountingSourceConnector.COUNT, "50");

        final String clusterId;
        try (LocalStack first = LocalStack.builder().dataDir(dataDir).build().start()) {
            clusterId = first.kafka().clusterId();
            KafkaTestClients.produce(first.bootstrapServers(), KafkaTopics.TELEMETRY, records);
            first.connectClient().createOrUpdate("restart-counting", connector);
            KafkaTestClients.consume(first.bootstrapServers(), "restart-counted", 50, WAIT);

            try (MqttTestClient subscriber = MqttTestClient.connectPersistent(first.mqttUri(), subscriberId)) {
                subscriber.subscribe(mqttTopic);
                subscriber.disconnect();
            }
            try (MqttTestClient publisher = MqttTestClient.connectClean(first.mqttUri(), "restart-publisher")) {
                for (final String payload : queued) {
                    publisher.publish(mqttTopic, payload);
                }
            }
        }

        try (LocalStack second = LocalStack.builder().dataDir(dataDir).build().start()) {
            assertThat(second.kafka().clusterId()).as("same cluster, storage not formatted again").isEqualTo(clusterId);
            assertThat(KafkaTestClients.consume(second.bootstrapServers(), KafkaTopics.TELEMETRY, records.size(), WAIT))
                    .containsAllEntriesOf(records);

            final ConnectClient connect = second.connectClient();
            assertThat(connect.connectors()).contains("restart-counting");
            connect.awaitRunning("restart-counting", WAIT);

            try (MqttTestClient subscriber = MqttTestClient.connectPersistent(second.mqttUri(), subscriberId)) {
                await("queued messages after the restart").atMost(WAIT)
                        .until(() -> new HashSet<>(subscriber.received()).size() >= queued.size());
                assertThat(Set.copyOf(subscriber.received())).isEqualTo(queued.stream().collect(Collectors.toSet()));
            }
        }
    }
}
