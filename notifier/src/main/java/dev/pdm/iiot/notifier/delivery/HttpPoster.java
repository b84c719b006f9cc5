package dev.pdm.iiot.notifier.delivery;

import dev.pdm.iiot.notifier.config.NotifierConfig;
import dev.pdm.iiot.notifier.rules.Recipient;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs JSON to a webhook with a timeout; any answer but 2xx is a failure. Every call carries
 * {@code Idempotency-Key: notification-<id>}, so that a receiver can drop the rare repeat (a
 * sender that died between the webhook's answer and recording it).
 */
@ApplicationScoped
public class HttpPoster {

    private final HttpClient client;
    private final Duration timeout;

    public HttpPoster(final NotifierConfig config) {
        this.timeout = config.delivery().timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public void post(final Recipient recipient, final String json, final long id) throws DeliveryException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(recipient.address()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "notification-" + id)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        final HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryException(recipient.redacted() + ": " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(recipient.redacted() + ": interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException(recipient.redacted() + " answered HTTP " + response.statusCode());
        }
    }
}
