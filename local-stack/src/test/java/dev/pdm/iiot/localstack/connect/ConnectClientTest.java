package dev.pdm.iiot.localstack.connect;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a stand-in of the worker's REST API that answers as Connect does. */
class ConnectClientTest {

    private static final String RUNNING = """
            {"name":"bridge","connector":{"state":"RUNNING","worker_id":"w:8083"},
             "tasks":[{"id":0,"state":"RUNNING","worker_id":"w:8083"}],"type":"source"}""";
    private static final String TASK_FAILED = """
            {"name":"bridge","connector":{"state":"RUNNING","worker_id":"w:8083"},
             "tasks":[{"id":0,"state":"FAILED","worker_id":"w:8083","trace":"java.lang.IllegalStateException: boom"}]}""";

    private final Map<String, String> requests = new ConcurrentHashMap<>();
    private HttpServer server;
    private ConnectClient client;
    private volatile String status = RUNNING;

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/connectors/bridge/config", exchange -> {
            requests.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(exchange, 201, "{}");
        });
        server.createContext("/connectors/bridge/status", exchange -> reply(exchange, 200, status));
        server.createContext("/connectors/missing", exchange -> reply(exchange, 404,
                "{\"error_code\":404,\"message\":\"Connector missing not found\"}"));
        server.createContext("/connectors/bad/config", exchange -> reply(exchange, 400,
                "{\"error_code\":400,\"message\":\"Connector configuration is invalid\"}"));
        server.start();
        client = new ConnectClient("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopStandIn() {
        server.stop(0);
    }

    private static void reply(final com.sun.net.httpserver.HttpExchange exchange, final int code, final String body)
            throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void putsTheConfigurationAsJson() {
        client.createOrUpdate("bridge", Map.of("connector.class", "Bridge", "tasks.max", "2"));

        assertThat(requests.get("PUT /connectors/bridge/config"))
                .contains("\"connector.class\":\"Bridge\"").contains("\"tasks.max\":\"2\"");
    }

    @Test
    void reportsTheWorkersErrorWithItsStatus() {
        assertThatThrownBy(() -> client.createOrUpdate("bad", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("400")
                .hasMessageContaining("Connector configuration is invalid");
    }

    @Test
    void readsStatusAndAnUnknownConnectorIsEmpty() {
        final ConnectorStatus running = client.status("bridge").orElseThrow();

        assertThat(running.isRunning()).isTrue();
        assertThat(running.tasks()).containsExactly(new ConnectorStatus.Task(0, "RUNNING", Optional.empty()));
        assertThat(client.status("missing")).isEmpty();
        assertThat(client.delete("missing")).isFalse();
    }

    @Test
    void awaitingAFailedTaskFailsAtOnceWithItsTrace() {
        status = TASK_FAILED;

        assertThatThrownBy(() -> client.awaitRunning("bridge", Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("task bridge-0 failed")
                .hasMessageContaining("boom");
    }

    @Test
    void aConnectorWithoutTasksIsNotRunningYet() {
        final ConnectorStatus status = ConnectClient.parseStatus("""
                {"name":"bridge","connector":{"state":"RUNNING"},"tasks":[]}""");

        assertThat(status.isRunning()).isFalse();
        assertThat(status.failure()).isEmpty();
    }
}
