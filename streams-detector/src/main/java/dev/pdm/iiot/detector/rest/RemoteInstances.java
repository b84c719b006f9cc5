package dev.pdm.iiot.detector.rest;

import dev.pdm.iiot.detector.config.DetectorConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Asks another detector instance for state it holds, over its own REST API. A forwarded request
 * carries {@link #HOP_HEADER}, so that two instances that disagree during a rebalance answer 503
 * instead of sending a request back and forth.
 *
 * <p>It carries the caller's own {@code Authorization} header too: the other instance
 * authenticates the same person (every instance reads the same users file, or trusts the same OIDC
 * issuer) and answers what that person may see. No instance holds credentials of its own for
 * this. An instance that refuses them (401, 403) is configured differently from this one: that is
 * a 503 naming the cause, never the other instance's refusal passed on as the caller's.
 */
@ApplicationScoped
public class RemoteInstances {

    public static final String HOP_HEADER = "X-Detector-Forwarded";
    static final String AUTHORIZATION = "Authorization";

    private final HttpClient client;
    private final Duration timeout;
    private final Supplier<String> authorization;

    @Inject
    public RemoteInstances(final DetectorConfig config, final CurrentVertxRequest request) {
        this(config.remoteTimeout(), () -> {
            final RoutingContext current = request.getCurrent();
            return current == null ? null : current.request().getHeader(AUTHORIZATION);
        });
    }

    /**
     * @param authorization the {@code Authorization} header of the request being answered, or null
     */
    RemoteInstances(final Duration timeout, final Supplier<String> authorization) {
        this.timeout = timeout;
        this.authorization = authorization;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The answer of the instance, status and body. */
    public record Answer(int status, String body) {
    }

    public Answer get(final HostInfo host, final String pathAndQuery) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host.host() + ':' + host.port()
                        + pathAndQuery))
                .timeout(timeout)
                .header(HOP_HEADER, "1")
                .header("Accept", "application/json")
                .GET();
        final String credentials = authorization.get();
        if (credentials != null) {
            builder.header(AUTHORIZATION, credentials);
        }
        final String instance = host.host() + ':' + host.port();
        try {
            final HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
                throw new Unavailable("instance " + instance + " is rebalancing");
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new Unavailable("instance " + instance + " refused the caller's credentials ("
                        + response.statusCode() + "): do all instances read the same users file and trust the same "
                        + "OIDC issuer?");
            }
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new Unavailable("instance " + instance + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking " + instance, e);
        }
    }
}
