package dev.pdm.iiot.dashboard.detector;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.ScoredReading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The detector's REST API, for what only the detector has: a machine's recent scored readings, and
 * ack / clear validated against its alert store, given in the name of the dashboard's signed-in
 * user. The dashboard signs in with its {@link ServiceAccount}; its readiness is asked on the
 * detector's management interface, without credentials. Every call is asynchronous and bounded by
 * the configured timeout.
 */
@ApplicationScoped
public class DetectorClient {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorClient.class);
    private static final ObjectMapper MAPPER = EventJson.newMapper();
    private static final JavaType READINGS = MAPPER.getTypeFactory()
            .constructCollectionType(List.class, ScoredReading.class);

    private final URI base;
    private final URI healthUrl;
    private final Duration timeout;
    private final Optional<ServiceAccount> account;
    private final HttpClient http;

    @Inject
    public DetectorClient(final DashboardConfig config) {
        this(config.detector().url(), config.detector().healthUrl(), config.detector().timeout(),
                ServiceAccount.of(config.detector().username(), config.detector().password()));
        if (account.isPresent()) {
            LOG.info("Detector at {} as {}", base, account.get().username());
        } else {
            LOG.warn("No service account for the detector (dashboard.detector.username and .password): it refuses the "
                    + "dashboard's calls, so chart history is missing and ack / clear go to Kafka directly");
        }
    }

    /** Without a service account, its readiness under {@code base}: a stand-in detector of tests. */
    public DetectorClient(final URI base, final Duration timeout) {
        this(base, slash(base).resolve("q/health/ready"), timeout, Optional.empty());
    }

    public DetectorClient(final URI base, final URI healthUrl, final Duration timeout,
                          final Optional<ServiceAccount> account) {
        this.base = slash(base);
        this.healthUrl = Objects.requireNonNull(healthUrl, "healthUrl");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.account = Objects.requireNonNull(account, "account");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static URI slash(final URI base) {
        final String url = Objects.requireNonNull(base, "base").toString();
        return URI.create(url.endsWith("/") ? url : url + "/");
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
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new DetectorUnavailableException(refused(response.statusCode()), null);
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

    /**
     * Asks the detector to acknowledge or clear an alert in the name of {@code by}, the dashboard's
     * signed-in user; never fails, the reply says what happened.
     */
    public CompletableFuture<CommandReply> command(final String alertId, final AlertCommand.Action action,
                                                   final String by) {
        final String verb = action == AlertCommand.Action.ACK ? "ack" : "clear";
        final HttpRequest request = request("alerts/" + PathSegments.encode(alertId) + "/" + verb)
                .header(ServiceAccount.ON_BEHALF_OF, Objects.requireNonNull(by, "by"))
                .POST(HttpRequest.BodyPublishers.noBody())
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
            if (code == 401 || code == 403) {
                final String why = refused(code);
                LOG.error("{} of {} by {}: {}", action, alertId, by, why);
                return new CommandReply(CommandReply.Outcome.REJECTED, null, why);
            }
            if (code >= 400 && code < 500) {
                return new CommandReply(CommandReply.Outcome.REJECTED, null, code + " " + text);
            }
            return new CommandReply(CommandReply.Outcome.UNAVAILABLE, null, "the detector answered " + code);
        });
    }

    /** Its readiness: the HTTP status of its health URL; fails when it does not answer. */
    public CompletableFuture<Integer> readiness() {
        return send(HttpRequest.newBuilder(healthUrl).timeout(timeout).GET().build())
                .thenApply(HttpResponse::statusCode);
    }

    private HttpRequest.Builder request(final String path) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json");
        account.ifPresent(a -> builder.header("Authorization", a.authorization()));
        return builder;
    }

    private String refused(final int code) {
        return "the detector refused the dashboard's " + account.map(a -> "service account " + a.username())
                .orElse("call without a service account") + " (" + code + "): check dashboard.detector.username and "
                + ".password, and that the account has the roles delegate and operator";
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
