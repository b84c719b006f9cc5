package dev.pdm.iiot.notifier.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdm.iiot.notifier.rules.ChannelKind;
import dev.pdm.iiot.notifier.rules.Recipient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Slack- and Teams-compatible incoming webhooks: {@code {"text": "…"}}, the link written out (both
 * make it clickable).
 */
@ApplicationScoped
public class ChatChannel implements Channel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPoster poster;

    public ChatChannel(final HttpPoster poster) {
        this.poster = poster;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.CHAT;
    }

    @Override
    public void send(final Recipient recipient, final Message message, final long id) throws DeliveryException {
        final ObjectNode body = JSON.createObjectNode().put("text", message.chat());
        poster.post(recipient, body.toString(), id);
    }
}
