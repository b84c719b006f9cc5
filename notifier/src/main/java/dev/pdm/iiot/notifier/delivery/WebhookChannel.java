package dev.pdm.iiot.notifier.delivery;

import dev.pdm.iiot.notifier.rules.ChannelKind;
import dev.pdm.iiot.notifier.rules.Recipient;
import jakarta.enterprise.context.ApplicationScoped;

/** The generic JSON webhook: the alert (or a digest's alerts) and the link to the dashboard. */
@ApplicationScoped
public class WebhookChannel implements Channel {

    private final HttpPoster poster;

    public WebhookChannel(final HttpPoster poster) {
        this.poster = poster;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBHOOK;
    }

    @Override
    public void send(final Recipient recipient, final Message message, final long id) throws DeliveryException {
        poster.post(recipient, message.json(), id);
    }
}
