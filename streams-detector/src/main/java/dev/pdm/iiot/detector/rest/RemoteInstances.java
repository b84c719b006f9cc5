package dev.pdm.iiot.detector.rest;

import dev.pdm.iiot.detector.config.DetectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks another detector instance for state it holds, over its own REST API. A forwarded request
 * carries {@link #HOP_HEADER}, so that two instances that disagree during a rebalance answer 503
 * instead of sending a request back and forth.
 */
@ApplicationScoped
public class RemoteInstances {

    public static final String HOP_HEADER = "X-Detector-Forwarded";

    private final HttpClient client;
    private final Duration timeout;

    public RemoteInstances(final DetectorConfig config) {
        this.timeout = config.remoteTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The answer of the instance, status and body. */
    public record Answer(int status, String body) {
    }

    public Answer get(final HostInfo host, final String pathAndQuery) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ':' + host.port()
                        + pathAndQuery))
                .timeout(timeout)
                .header(HOP_HEADER, "1")
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
                throw new Unavailable("instance " + host.host() + ':' + host.port() + " is rebalancing");
            }
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new Unavailable("instance " + host.host() + ':' + host.port() + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking " + host.host() + ':' + host.port(), e);
        }
    }
}
