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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The detector's REST API, for what only the detector has: a machine's recent scored readings, and
 * ack / clear validated against its alert store, given in the name of the dashboard's signed-in
 * user. The dashboard signs in with its {@link ServiceAccount}; its readiness is asked on the
 * detector's management interface, without credentials. Every call is asynchronous and bounded by
 * the configured timeout.
 *
 * <p>The detector may run as several instances of one Kafka Streams application, each answering
 * for every machine (it asks the instance that holds the machine). The client keeps to one of them;
 * a call that gets no answer from it is made again to the next, and the one that answers is kept
 * for the following calls. The readiness check moves to a ready instance the same way, so that a
 * dead instance costs the calls in between at most one timeout each. An ack or clear that timed out
 * may have been carried out by the slow instance: asked again of the next, it is then answered as
 * already done (409), never carried out twice.
 */
@ApplicationScoped
public class DetectorClient {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorClient.class);
    private static final ObjectMapper MAPPER = EventJson.newMapper();
    private static final JavaType READINGS = MAPPER.getTypeFactory()
            .constructCollectionType(List.class, ScoredReading.class);

    /** One instance of the detector: its REST API's base URL and its readiness URL. */
    public record Instance(URI base, URI healthUrl) {
        public Instance {
            base = slash(base);
            Objects.requireNonNull(healthUrl, "healthUrl");
        }
    }

    private final List<Instance> instances;
    private final AtomicInteger current = new AtomicInteger();
    private final Duration timeout;
    private final Optional<ServiceAccount> account;
    private final HttpClient http;

    @Inject
    public DetectorClient(final DashboardConfig config) {
        this(instances(config.detector().url(), config.detector().healthUrl()), config.detector().timeout(),
                ServiceAccount.of(config.detector().username(), config.detector().password()));
        final String where = instances.stream().map(i -> i.base().toString()).collect(Collectors.joining(", "));
        if (account.isPresent()) {
            LOG.info("Detector at {} as {}", where, account.get().username());
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
        this(List.of(new Instance(base, healthUrl)), timeout, account);
    }

    /** @param instances the instances of one detector application, the first asked first */
    public DetectorClient(final List<Instance> instances, final Duration timeout,
                          final Optional<ServiceAccount> account) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("dashboard.detector.url names no detector");
        }
        this.instances = List.copyOf(instances);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.account = Objects.requireNonNull(account, "account");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The configured instances: one readiness URL per base URL, in the same order.
     *
     * @throws IllegalArgumentException naming both settings when their counts differ
     */
    static List<Instance> instances(final List<URI> urls, final List<URI> healthUrls) {
        if (urls.size() != healthUrls.size()) {
            throw new IllegalArgumentException("dashboard.detector.url names " + urls.size() + " detector(s) but "
                    + "dashboard.detector.health-url " + healthUrls.size() + ": give one readiness URL per detector "
                    + "instance, in the same order");
        }
        return IntStream.range(0, urls.size()).mapToObj(i -> new Instance(urls.get(i), healthUrls.get(i))).toList();
    }

    private static URI slash(final URI base) {
        final String url = Objects.requireNonNull(base, "base").toString();
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** The base URL of the instance the client keeps to now. */
    public URI base() {
        return instances.get(current.get()).base();
    }

    /**
     * A machine's last {@code last} scored readings, oldest first; empty when the detector does not
     * know the machine. Fails with {@link DetectorUnavailableException} when the detector does not
     * answer.
     */
    public CompletableFuture<List<ScoredReading>> readings(final String machineId, final int last) {
        return send(instance -> request(instance, "machines/" + PathSegments.encode(machineId) + "/readings?last=" + last)
                .GET().build()).thenApply(response -> {
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
        Objects.requireNonNull(by, "by");
        return send(instance -> request(instance, "alerts/" + PathSegments.encode(alertId) + "/" + verb)
                .header(ServiceAccount.ON_BEHALF_OF, by)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build()).handle((response, failure) -> {
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

    /**
     * Its readiness: the HTTP status of the health URL of the instance kept to, or of the first
     * other one that is ready (which is then kept to); fails when no instance answers.
     */
    public CompletableFuture<Integer> readiness() {
        final int start = current.get();
        return readiness(start, 0, null, null);
    }

    /**
     * Asks instance {@code start + tried}; an answer other than 200, or none, moves on to the next.
     * After the last: the first answer, or the first failure when none answered.
     */
    private CompletableFuture<Integer> readiness(final int start, final int tried, final Integer firstStatus,
                                                 final Throwable firstFailure) {
        final int index = (start + tried) % instances.size();
        final HttpRequest request = HttpRequest.newBuilder(instances.get(index).healthUrl()).timeout(timeout).GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure == null && response.statusCode() == 200) {
                keep(index);
                return CompletableFuture.completedFuture(200);
            }
            final Integer status = firstStatus != null || failure != null ? firstStatus
                    : Integer.valueOf(response.statusCode());
            final Throwable firstFail = firstFailure != null ? firstFailure : failure;
            if (tried + 1 < instances.size()) {
                return readiness(start, tried + 1, status, firstFail);
            }
            if (status != null) {
                return CompletableFuture.completedFuture(status);
            }
            return CompletableFuture.<Integer>failedFuture(unavailable(firstFail));
        }).thenCompose(Function.identity());
    }

    private HttpRequest.Builder request(final Instance instance, final String path) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(instance.base().resolve(path)).timeout(timeout)
                .header("Accept", "application/json");
        account.ifPresent(a -> builder.header("Authorization", a.authorization()));
        return builder;
    }

    private String refused(final int code) {
        return "the detector refused the dashboard's " + account.map(a -> "service account " + a.username())
                .orElse("call without a service account") + " (" + code + "): check dashboard.detector.username and "
                + ".password, and that the account has the roles delegate and operator";
    }

    /**
     * Sends the request to the instance kept to; one that does not answer (refused, timed out) is
     * followed by the next, once round all of them. Any HTTP answer is the detector's.
     */
    private CompletableFuture<HttpResponse<byte[]>> send(final Function<Instance, HttpRequest> request) {
        return send(request, current.get(), 0, null);
    }

    private CompletableFuture<HttpResponse<byte[]>> send(final Function<Instance, HttpRequest> request, final int start,
                                                         final int tried, final Throwable firstFailure) {
        final int index = (start + tried) % instances.size();
        return http.sendAsync(request.apply(instances.get(index)), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure == null) {
                        keep(index);
                        return CompletableFuture.completedFuture(response);
                    }
                    final Throwable first = firstFailure != null ? firstFailure : failure;
                    if (tried + 1 < instances.size()) {
                        LOG.debug("detector at {} did not answer ({}); asking the next", instances.get(index).base(),
                                describe(failure));
                        return send(request, start, tried + 1, first);
                    }
                    return CompletableFuture.<HttpResponse<byte[]>>failedFuture(unavailable(first));
                }).thenCompose(Function.identity());
    }

    /** The instance that answered is the one asked first from now on. */
    private void keep(final int index) {
        final int before = current.getAndSet(index);
        if (before != index) {
            LOG.warn("Detector at {} does not answer or is not ready; asking {} from now on", instances.get(before).base(),
                    instances.get(index).base());
        }
    }

    private DetectorUnavailableException unavailable(final Throwable failure) {
        final String where = instances.size() == 1 ? "the detector at " + instances.get(0).base()
                : "none of the detectors at " + instances.stream().map(i -> i.base().toString())
                .collect(Collectors.joining(", "));
        return new DetectorUnavailableException(where + " did not answer: " + describe(failure), failure);
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
