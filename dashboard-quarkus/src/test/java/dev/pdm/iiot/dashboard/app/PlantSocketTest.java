package dev.pdm.iiot.dashboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdm.iiot.dashboard.support.ClientModel;
import dev.pdm.iiot.dashboard.support.TestUsers;
import dev.pdm.iiot.dashboard.view.MachineEntry;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.dashboard.ws.PlantSocket;
import dev.pdm.iiot.events.model.MachineState;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pdm.iiot.dashboard.Fixtures.normal;
import static dev.pdm.iiot.dashboard.Fixtures.scored;
import static dev.pdm.iiot.dashboard.Fixtures.training;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The WebSocket protocol against the running app, with changes put into the view directly (no broker). */
@QuarkusTest
@WithTestResource(StubDetectorResource.class)
class PlantSocketTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    PlantView view;

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
    void aClientGetsASnapshotFirstThenTheChangesAfterIt() {
        view.applyStatus("SOCK_1", training("SOCK_1", 7), Instant.now());

        final ClientModel client = connect();
        await().atMost(PATIENCE).until(() -> !client.messages.isEmpty());
        final JsonNode first = client.messagesCopy().get(0);
        assertThat(first.path("type").asText()).isEqualTo("snapshot");
        assertThat(client.machines).containsKey("SOCK_1");
        assertThat(client.machines.get("SOCK_1").path("status").path("training_samples").asInt()).isEqualTo(7);
        assertThat(client.temperature("SOCK_1")).isEqualTo(65.0);

        view.applyStatus("SOCK_1", scored("SOCK_1", MachineState.ANOMALY, 0.81, 31, null), Instant.now());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                client.machines.get("SOCK_1").path("status").path("state").asText()).isEqualTo("ANOMALY"));
        assertThat(client.temperature("SOCK_1")).as("the live value, from the status's last reading").isEqualTo(70.0);
        final JsonNode live = client.messagesCopy().stream()
                .filter(m -> m.path("type").asText().equals("batch") && m.has("machines"))
                .findFirst().orElseThrow();
        assertThat(live.path("machines").get(0).path("v").asLong()).isGreaterThan(first.path("version").asLong());
    }

    @Test
    void aClientThatConnectsWhileChangesPourInEndsWithTheLatestOfEveryMachine() throws Exception {
        final int machines = 20;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger rounds = new AtomicInteger();
        final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (!stop.get() && rounds.get() < 5_000_000) {
                final int round = rounds.get();
                for (int m = 0; m < machines; m++) {
                    view.applyStatus("GAP_" + m, normal("GAP_" + m, round, round), Instant.now());
                }
                rounds.incrementAndGet();
                Thread.yield();
            }
        });
        await().atMost(PATIENCE).until(() -> rounds.get() >= 100);

        final ClientModel client = connect();
        await().atMost(PATIENCE).until(() -> client.messages.size() >= 5);
        stop.set(true);
        writer.get();

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (int m = 0; m < machines; m++) {
                final String id = "GAP_" + m;
                final MachineEntry latest = view.machine(id).orElseThrow();
                assertThat(client.version(client.machines, id)).as(id).isEqualTo(latest.v());
                assertThat(client.machines.get(id).path("status").path("readings").asLong())
                        .isEqualTo(latest.status().readings());
                assertThat(client.temperature(id)).isEqualTo(latest.status().lastReading().value("temperature"));
            }
        });
        assertThat(client.messagesCopy().get(0).path("type").asText()).isEqualTo("snapshot");
    }

    @Test
    void everyClientGetsStatisticsInThePrototypesFieldsAndOurs() {
        final ClientModel client = connect();

        await().atMost(PATIENCE).until(() -> client.statistics() != null);
        assertThat(client.statistics().fieldNames()).toIterable()
                .contains("total_readings", "anomalies_detected", "active_machines", "readings_per_second",
                        "dlq_records", "kafka", "detector", "websocket");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(client.statistics().path("websocket").path("clients").asInt()).isPositive());
    }
}
