package dev.pdm.iiot.localstack.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small client of a Kafka Connect worker's REST API: create or update, restart and delete a
 * connector, read its status, and wait until it runs. Errors of the worker come back as
 * {@link IllegalStateException}s that carry its HTTP status and message.
 */
public final class ConnectClient {

    /** How often {@link #awaitRunning} asks for the status. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUri;
    private final HttpClient http;

    /** @param baseUrl the worker's REST URL, e.g. {@code http://127.0.0.1:8083} */
    public ConnectClient(final String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The worker answers {@code GET /health} with 200: it has joined its group and serves requests. */
    public boolean isHealthy() {
        try {
            return send(request("health").GET()).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Names of the connectors the worker's group runs. */
    public List<String> connectors() {
        final HttpResponse<String> response = expect(send(request("connectors").GET()), 200);
        return read(response.body(), new TypeReference<List<String>>() { });
    }

    /** Creates the connector, or replaces its configuration ({@code PUT /connectors/{name}/config}). */
    public void createOrUpdate(final String name, final Map<String, String> config) {
        final String body = write(config);
        expect(send(request(connectorPath(name) + "/config")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))), 200, 201);
    }

    /** Restarts the connector and all its tasks. */
    public void restart(final String name) {
        expect(send(request(connectorPath(name) + "/restart?includeTasks=true&onlyFailed=false")
                .POST(HttpRequest.BodyPublishers.noBody())), 200, 202, 204);
    }

    /**
     * Deletes the connector.
     *
     * @return false when there was no such connector
     */
    public boolean delete(final String name) {
        final HttpResponse<String> response = send(request(connectorPath(name)).DELETE());
        if (response.statusCode() == 404) {
            return false;
        }
        expect(response, 200, 204);
        return true;
    }

    /** The connector's status, empty when the worker knows no such connector. */
    public Optional<ConnectorStatus> status(final String name) {
        final HttpResponse<String> response = send(request(connectorPath(name) + "/status").GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parseStatus(expect(response, 200).body()));
    }

    /**
     * Waits until the connector and its tasks are {@code RUNNING}, polling every
     * {@link #POLL_INTERVAL}.
     *
     * @return the running status
     * @throws IllegalStateException at once when the connector or a task failed (with its trace), or
     *                               when it is not running within the timeout
     */
    public ConnectorStatus awaitRunning(final String name, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Optional<ConnectorStatus> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = status(name);
            if (last.isPresent()) {
                if (last.get().isRunning()) {
                    return last.get();
                }
                final Optional<String> failure = last.get().failure();
                if (failure.isPresent()) {
                    throw new IllegalStateException(failure.get());
                }
            }
            pause();
        }
        throw new IllegalStateException("connector " + name + " is not running after " + timeout + ", last status: "
                + last.map(Object::toString).orElse("unknown connector"));
    }

    static ConnectorStatus parseStatus(final String json) {
        final JsonNode root = readTree(json);
        final List<ConnectorStatus.Task> tasks = new ArrayList<>();
        for (final JsonNode task : root.path("tasks")) {
            tasks.add(new ConnectorStatus.Task(task.path("id").asInt(), task.path("state").asText(),
                    text(task, "trace")));
        }
        final JsonNode connector = root.path("connector");
        return new ConnectorStatus(root.path("name").asText(), connector.path("state").asText(),
                text(connector, "trace"), tasks);
    }

    private static Optional<String> text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
    }

    private static String connectorPath(final String name) {
        return "connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) {
        final HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + built.method() + " " + built.uri(), e);
        }
    }

    private static HttpResponse<String> expect(final HttpResponse<String> response, final int... statuses) {
        for (final int status : statuses) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                + " answered " + response.statusCode() + ": " + response.body());
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a connector", e);
        }
    }

    private static String write(final Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    private static JsonNode readTree(final String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the worker answered no JSON: " + json, e);
        }
    }

    private static <T> T read(final String json, final TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the worker answered unexpected JSON: " + json, e);
        }
    }
}
