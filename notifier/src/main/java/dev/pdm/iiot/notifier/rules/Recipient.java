package dev.pdm.iiot.notifier.rules;

import java.net.URI;
import java.util.Objects;

/**
 * Whom a notification goes to: a channel and its address, written {@code mail:ops@example.com},
 * {@code webhook:https://…} or {@code chat:https://…}.
 *
 * @param channel how
 * @param address the mail address or the URL
 */
public record Recipient(ChannelKind channel, String address) {

    public Recipient {
        Objects.requireNonNull(channel, "channel");
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a recipient needs an address");
        }
    }

    /** Reads {@code channel:address}; anything else is a configuration error. */
    public static Recipient parse(final String text) {
        final String trimmed = text == null ? "" : text.trim();
        final int colon = trimmed.indexOf(':');
        if (colon > 0) {
            final String prefix = trimmed.substring(0, colon);
            for (final ChannelKind kind : ChannelKind.values()) {
                if (kind.prefix().equalsIgnoreCase(prefix)) {
                    return new Recipient(kind, validated(kind, trimmed.substring(colon + 1).trim()));
                }
            }
        }
        throw new IllegalArgumentException("a recipient is mail:ADDRESS, webhook:URL or chat:URL, not '" + text + "'");
    }

    private static String validated(final ChannelKind kind, final String address) {
        if (kind == ChannelKind.MAIL) {
            if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException("not a mail address: '" + address + "'");
            }
            return address;
        }
        final URI uri = URI.create(address);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("a " + kind.prefix() + " recipient needs an http(s) URL, not '"
                    + uri.getScheme() + ":…'");
        }
        return address;
    }

    /** As written in a rule; the stored form. */
    public String text() {
        return channel.prefix() + ':' + address;
    }

    /**
     * Safe to show: a mail address as it is, a URL by its scheme, host and port only (the path of a
     * Slack or Teams webhook URL is its secret).
     */
    public String redacted() {
        if (channel == ChannelKind.MAIL) {
            return text();
        }
        final URI uri = URI.create(address);
        return channel.prefix() + ':' + uri.getScheme() + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
    }

    @Override
    public String toString() {
        return redacted();
    }
}
