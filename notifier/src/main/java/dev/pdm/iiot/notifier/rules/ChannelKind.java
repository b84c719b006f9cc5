package dev.pdm.iiot.notifier.rules;

import java.util.Locale;

/** How a recipient is told: the prefix of its address in a rule ({@code mail:ops@example.com}). */
public enum ChannelKind {
    /** Mail over SMTP to an address. */
    MAIL,
    /** A POST of the alert's JSON and a link to a URL. */
    WEBHOOK,
    /** A POST of {@code {"text": ...}} to a Slack- or Teams-compatible incoming webhook. */
    CHAT;

    public String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
