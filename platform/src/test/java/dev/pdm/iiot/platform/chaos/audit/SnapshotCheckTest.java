package dev.pdm.iiot.platform.chaos.audit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotCheckTest {

    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString("viewer:secret".getBytes(StandardCharsets.UTF_8));

    private HttpServer server;
    private final AtomicReference<String> dashboardBody = new AtomicReference<>(SnapshotComparisonTest.DASHBOARD);
    private final AtomicInteger detectorStatus = new AtomicInteger(200);
    private URI base;

    @BeforeEach
    void serve() throws IOException {
        // one server plays both: the detector's /machines and the dashboard's /api/machines, behind basic auth
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/machines", exchange -> answer(exchange, detectorStatus.get(),
                SnapshotComparisonTest.DETECTOR));
        server.createContext("/api/machines", exchange -> answer(exchange, 200, dashboardBody.get()));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(final com.sun.net.httpserver.HttpExchange exchange, final int status,
                               final String body) throws IOException {
        final boolean allowed = AUTHORIZATION.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(allowed ? status : 401, allowed ? bytes.length : -1);
        if (allowed) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void findsNoDifferenceWhenTheDashboardShowsTheDetectorsState() throws Exception {
        assertThat(new SnapshotCheck(base, base, "viewer", "secret").differences()).isEmpty();
    }

    @Test
    void returnsTheDifferences() throws Exception {
        dashboardBody.set(SnapshotComparisonTest.DASHBOARD.replace("\"readings\":42", "\"readings\":40"));

        assertThat(new SnapshotCheck(base, base, "viewer", "secret").differences())
                .containsExactly("M1: readings is 42 on the detector, 40 on the dashboard");
    }

    @Test
    void reportsAnAnswerThatIsNotOk() throws Exception {
        detectorStatus.set(503);

        assertThat(new SnapshotCheck(base, base, "viewer", "secret").differences()).singleElement().asString()
                .startsWith("the detector answered 503");
        assertThat(new SnapshotCheck(base, base, "viewer", "wrong").differences()).hasSize(2);
    }
}
