package dev.pdm.iiot.dashboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdm.iiot.dashboard.support.ClientModel;
import dev.pdm.iiot.dashboard.support.TestUsers;
import dev.pdm.iiot.dashboard.ws.PlantSocket;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.localstack.quarkus.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.pdm.iiot.dashboard.Fixtures.T0;
import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.Fixtures.normal;
import static dev.pdm.iiot.dashboard.Fixtures.scored;
import static dev.pdm.iiot.dashboard.Fixtures.training;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records on the detector's topics, through the app, to WebSocket clients, on the in-process broker;
 * the raw telemetry is not read (every status carries its machine's last reading).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(DetectorDownResource.class)
class KafkaToWebSocketIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClientService kafkaClients;

    private final List<WebSocketClientConnection> connections = new ArrayList<>();

    @AfterEach
    void disconnect() {
        connections.forEach(WebSocketClientConnection::closeAndAwait);
    }

    private ClientModel connect() {
        final ClientModel model = new ClientModel();
        connections.add(BasicWebSocketConnector.create()
                .baseUri(base)
                .path(PlantSocket.PATH)
                .addHeader("Authorization", TestUsers.authorization(TestUsers.VIEWER))
                .onTextMessage((connection, text) -> model.accept(text))
                .connectAndAwait());
        return model;
    }

    @Test
    void statusesAndAlertsReachAWebSocketClientWithTheMachinesLiveValues() {
        final ClientModel client = connect();
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaTopics.ALERT_COMMANDS)) {
            kafka.send(KafkaTopics.STATUS, "WS_1", training("WS_1", 9));
            kafka.send(KafkaTopics.ALERTS, "WS_1", alert("WS_1", 1, AlertStatus.ACTIVE_UNACK, Severity.WARNING, T0));
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(client.machines).containsKey("WS_1");
                assertThat(client.machines.get("WS_1").path("status").path("state").asText()).isEqualTo("TRAINING");
                assertThat(client.alertStatus("WS_1:ANOMALY:1")).isEqualTo("ACTIVE_UNACK");
            });

            kafka.send(KafkaTopics.STATUS, "WS_1", normal("WS_1", 31, 71.25));

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(client.machines.get("WS_1").path("status").path("state").asText()).isEqualTo("NORMAL");
                assertThat(client.temperature("WS_1")).isEqualTo(71.25);
            });
        }
    }

    @Test
    void theDashboardReadsTheDetectorsTopicsAndNotTheRawTelemetry() {
        final List<String> topics = kafkaClients.getConsumerChannels().stream()
                .map(channel -> ConfigProvider.getConfig()
                        .getOptionalValue("mp.messaging.incoming." + channel + ".topic", String.class).orElse(channel))
                .toList();

        assertThat(topics).containsExactlyInAnyOrder(KafkaTopics.STATUS, KafkaTopics.ALERTS, KafkaTopics.TELEMETRY_DLQ);
    }

    @Test
    void readingsPerSecondIsTheGrowthOfTheMachinesReadingCounts() {
        final ClientModel client = connect();
        final Instant now = Instant.now();
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaTopics.ALERT_COMMANDS)) {
            // a machine that has accepted a million readings, then 10,000 in each of the last 5 seconds
            for (int s = 0; s <= 5; s++) {
                kafka.sendAsync(KafkaTopics.STATUS, "RATE_1",
                        normal("RATE_1", 1_000_000 + 10_000L * s, 70, now.minusSeconds(8 - s)));
            }
            kafka.flush();
        }

        // at least one of those seconds is within the window (10 s), their sum over part of it at most;
        // counting the machine's all-time count would be 100,000/s and more
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(client.machines.get("RATE_1")).isNotNull();
            assertThat(client.statistics()).isNotNull();
            assertThat(client.statistics().path("readings_per_second").asDouble()).isBetween(1_000.0, 50_000.0);
        });
    }

    @Test
    void deadLettersAreCountedInTheStatistics() {
        final ClientModel client = connect();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            final ProducerRecord<String, byte[]> record = new ProducerRecord<>(KafkaTopics.TELEMETRY_DLQ, "WS_2",
                    "{\"machine_id\":\"WS_2\",\"vibration\":NaN}".getBytes(StandardCharsets.UTF_8));
            record.headers().add(DeadLetterHeaders.REASON, "NON_FINITE".getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            final JsonNode stats = client.statistics();
            assertThat(stats).isNotNull();
            assertThat(stats.path("dlq_by_reason").path("NON_FINITE").asLong()).isPositive();
            assertThat(stats.path("kafka").path("status").asText()).isEqualTo("UP");
        });
    }

    @Test
    void aClientConnectingWhileStatusesPourInGetsTheSnapshotThenEveryLaterStateInOrder() throws Exception {
        final int machines = 8;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong round = new AtomicLong();
        final long[] lastWritten = new long[machines];
        final CompletableFuture<Void> writer;
        final ClientModel client;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new ByteArraySerializer())) {
            writer = CompletableFuture.runAsync(() -> {
                while (!stop.get() && round.get() < 200_000) {
                    final long r = round.incrementAndGet();
                    for (int m = 0; m < machines; m++) {
                        final String id = "ORDER_" + m;
                        producer.send(new ProducerRecord<>(KafkaTopics.STATUS, id, dev.pdm.iiot.events.json.EventJson
                                .toBytes(scored(id, MachineState.NORMAL, 0.3, r, null))));
                        lastWritten[m] = r;
                    }
                    producer.flush();
                }
            });
            await().atMost(PATIENCE).until(() -> round.get() >= 20);

            client = connect();
            await().atMost(PATIENCE).until(() -> client.messages.size() >= 6);
            stop.set(true);
            writer.get();
        }

        assertThat(client.messagesCopy().get(0).path("type").asText()).isEqualTo("snapshot");
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (int m = 0; m < machines; m++) {
                assertThat(client.machines).containsKey("ORDER_" + m);
                assertThat(client.machines.get("ORDER_" + m).path("status").path("readings").asLong())
                        .as("ORDER_%d", m).isEqualTo(lastWritten[m]);
            }
        });
        for (int m = 0; m < machines; m++) {
            final List<Long> seen = client.appliedMachines.get("ORDER_" + m).stream()
                    .map(e -> e.path("status").path("readings").asLong()).toList();
            assertThat(seen).as("states of ORDER_%d as the client applied them", m).isSorted();
        }
    }
}
