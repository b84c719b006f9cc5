package dev.pdm.iiot.localstack;

import dev.pdm.iiot.localstack.connect.ConnectClient;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import dev.pdm.iiot.localstack.support.CountingSourceConnector;
import dev.pdm.iiot.localstack.support.KafkaTestClients;
import dev.pdm.iiot.localstack.support.MqttTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each component stopped and started again mid-stream comes back on the same port, so clients
 * reconnect to the URI they know.
 */
@LocalStackTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ComponentRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void mqttBrokerStartedAgainListensOnTheSameUriAndClientsReconnect(final LocalStack stack) throws Exception {
        final String uri = stack.mqttUri();
        try (MqttTestClient client = MqttTestClient.connectReconnecting(uri, "reconnecting-client")) {
            stack.mqtt().stop();
            await("client notices the broker is gone").atMost(WAIT).until(() -> !client.isConnected());

            stack.mqtt().start();

            assertThat(stack.mqttUri()).isEqualTo(uri);
            await("client reconnected by itself").atMost(WAIT).until(client::isConnected);
            client.subscribe("factory/alerts/anomaly");
            try (MqttTestClient publisher = MqttTestClient.connectClean(uri, "after-restart-publisher")) {
                publisher.publish("factory/alerts/anomaly", "alert-after-restart");
            }
            await("message after the restart").atMost(WAIT)
                    .until(() -> client.received().contains("alert-after-restart"));
        }
    }

    @Test
    void connectWorkerStartedAgainKeepsItsConnectorAndResumesFromItsOffsets(final LocalStack stack) {
        final String url = stack.connectUrl();
        final ConnectClient connect = stack.connectClient();
        final int count = 2_000;
        connect.createOrUpdate("resuming-counter", Map.of(
                "connector.class", CountingSourceConnector.class.getName(),
                "tasks.max", "1",
                CountingSourceConnector.TOPIC, "resuming-counted",
                CountingSourceConnector.COUNT, String.valueOf(count),
                CountingSourceConnector.INTERVAL_MS, "100"));
        connect.awaitRunning("resuming-counter", WAIT);
        KafkaTestClients.consume(stack.bootstrapServers(), "resuming-counted", 300, WAIT);

        stack.connect().orElseThrow().stop();
        stack.connect().orElseThrow().start();

        assertThat(stack.connectUrl()).isEqualTo(url);
        assertThat(connect.connectors()).contains("resuming-counter");
        connect.awaitRunning("resuming-counter", WAIT);
        final Map<String, String> read = KafkaTestClients.consume(stack.bootstrapServers(), "resuming-counted",
                count, WAIT);
        assertThat(read.keySet()).isEqualTo(IntStream.range(0, count).mapToObj(i -> "key-" + i)
                .collect(Collectors.toSet()));
        connect.delete("resuming-counter");
    }

    @Test
    void kafkaBrokerStartedAgainServesOnTheSamePortWithItsRecords(final LocalStack stack) {
        final String bootstrapServers = stack.bootstrapServers();
        KafkaTestClients.produce(bootstrapServers, "broker-restart", Map.of("before", "restart"));

        stack.kafka().stop();
        stack.kafka().start();

        assertThat(stack.bootstrapServers()).isEqualTo(bootstrapServers);
        KafkaTestClients.produce(bootstrapServers, "broker-restart", Map.of("after", "restart"));
        assertThat(KafkaTestClients.consume(bootstrapServers, "broker-restart", 2, WAIT).keySet())
                .isEqualTo(Set.of("before", "after"));
    }
}
