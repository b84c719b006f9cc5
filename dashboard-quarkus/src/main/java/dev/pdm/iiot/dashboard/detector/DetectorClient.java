package dev.pdm.iiot.dashboard.detector;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.ScoredReading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The detector's REST API, for what only the detector has: a machine's recent scored readings, and
 * ack / clear validated against its alert store. Every call is asynchronous and bounded by the
 * configured timeout.
 */
@ApplicationScoped
public class DetectorClient {

    private static final ObjectMapper MAPPER = EventJson.newMapper();
    private static final JavaType READINGS = MAPPER.getTypeFactory()
            .constructCollectionType(List.class, ScoredReading.class);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    @Inject
    public DetectorClient(final DashboardConfig config) {
        this(config.detector().url(), config.detector().timeout());
    }

    public DetectorClient(final URI base, final Duration timeout) {
        final String url = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI base() {
        return base;
    }

    /**
     * A machine's last {@code last} scored readings, oldest first; empty when the detector does not
     * know the machine. Fails with {@link DetectorUnavailableException} when the detector does not
     * answer.
     */
    public CompletableFuture<List<ScoredReading>> readings(final String machineId, final int last) {
        final HttpRequest request = request("machines/" + PathSegments.encode(machineId) + "/readings?last=" + last)
                .GET().build();
        return send(request).thenApply(response -> {
            if (response.statusCode() == 404) {
                return List.<ScoredReading>of();
            }
            if (response.statusCode() != 200) {
                throw new DetectorUnavailableException("the detector answered " + response.statusCode()
                        + " for the readings of " + machineId, null);
            }
            try {
                return MAPPER.<List<ScoredReading>>readValue(response.body(), READINGS);
            } catch (IOException e) {
                throw new DetectorUnavailableException("the detector's readings of " + machineId
                        + " are not readable: " + e.getMessage(), e);
            }
        });
    }

    /** Asks the detector to acknowledge or clear an alert; never fails, the reply says what happened. */
    public CompletableFuture<CommandReply> command(final String alertId, final AlertCommand.Action action,
                                                   final String by) {
        final String verb = action == AlertCommand.Action.ACK ? "ack" : "clear";
        final byte[] body = EventJson.toBytes(Map.of("by", by));
        final HttpRequest request = request("alerts/" + PathSegments.encode(alertId) + "/" + verb)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request).handle((response, failure) -> {
            if (failure != null) {
                return new CommandReply(CommandReply.Outcome.UNAVAILABLE, null, describe(failure));
            }
            final int code = response.statusCode();
            if (code == 202 || code == 200) {
                return new CommandReply(CommandReply.Outcome.ACCEPTED, parseCommand(response.body()), null);
            }
            final String text = new String(response.body(), StandardCharsets.UTF_8);
            if (code == 404) {
                return new CommandReply(CommandReply.Outcome.NOT_FOUND, null, text);
            }
            if (code == 409) {
                return new CommandReply(CommandReply.Outcome.CONFLICT, null, text);
            }
            if (code >= 400 && code < 500) {
                return new CommandReply(CommandReply.Outcome.REJECTED, null, code + " " + text);
            }
            return new CommandReply(CommandReply.Outcome.UNAVAILABLE, null, "the detector answered " + code);
        });
    }

    /** Its readiness: the HTTP status of {@code /q/health/ready}; fails when it does not answer. */
    public CompletableFuture<Integer> readiness() {
        return send(request("q/health/ready").GET().build()).thenApply(HttpResponse::statusCode);
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json");
    }

    private CompletableFuture<HttpResponse<byte[]>> send(final HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .exceptionally(failure -> {
                    throw new CompletionException(new DetectorUnavailableException(
                            "the detector at " + base + " did not answer: " + describe(failure), failure));
                });
    }

    private static AlertCommand parseCommand(final byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readValue(body, AlertCommand.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String describe(final Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof DetectorUnavailableException) && t.getCause() != null) {
            if (t instanceof DetectorUnavailableException) {
                return t.getMessage();
            }
            t = t.getCause();
        }
        final String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
