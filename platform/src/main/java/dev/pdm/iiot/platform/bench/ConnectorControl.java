package dev.pdm.iiot.platform.bench;

import dev.pdm.iiot.localstack.connect.ConnectClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pauses and resumes a connector through the worker's REST API ({@code PUT /connectors/{name}/pause},
 * {@code …/resume}) and waits until its tasks are in that state, so that a backlog can be put on a
 * topic before the sink starts reading it.
 */
final class ConnectorControl {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final ConnectClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ConnectorControl(final String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.client = new ConnectClient(this.baseUrl);
    }

    void pause(final String connector) throws IOException, InterruptedException {
        put(connector, "pause");
        awaitState(connector, "PAUSED");
    }

    void resume(final String connector) throws IOException, InterruptedException {
        put(connector, "resume");
        awaitState(connector, "RUNNING");
    }

    private void put(final String connector, final String action) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "connectors/" + connector + "/" + action))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(action + " of " + connector + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private void awaitState(final String connector, final String state) throws InterruptedException {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            final boolean reached = client.status(connector)
                    .map(s -> state.equals(s.state()) && !s.tasks().isEmpty()
                            && s.tasks().stream().allMatch(t -> state.equals(t.state())))
                    .orElse(false);
            if (reached) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException(connector + " is not " + state + " after " + TIMEOUT);
    }
}
