package dev.pdm.iiot.notifier.intake;

import dev.pdm.iiot.notifier.rules.Recipient;
import dev.pdm.iiot.notifier.store.NotificationKind;

import java.time.Instant;

/**
 * The keys that make each intended notification happen once, whoever records it and however often:
 * an alert's id names its episode ({@code machine:type:n}), so the key of an episode's notification
 * is the alert id, the rule, the kind and the recipient; a digest's is the rule, its period and the
 * recipient.
 */
public final class NotificationKeys {

    private NotificationKeys() {
    }

    public static String of(final String alertId, final String rule, final NotificationKind kind,
                            final Recipient recipient) {
        return kind.name() + '|' + rule + '|' + alertId + '|' + recipient.text();
    }

    public static String digest(final String rule, final Instant periodStart, final Recipient recipient) {
        return NotificationKind.DIGEST.name() + '|' + rule + '|' + periodStart + '|' + recipient.text();
    }
}
