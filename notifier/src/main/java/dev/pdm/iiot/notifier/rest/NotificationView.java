package dev.pdm.iiot.notifier.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.notifier.rules.Recipient;
import dev.pdm.iiot.notifier.store.Notification;

import java.time.Instant;

/** A notification as the REST API shows it: a webhook's URL only by its host (its path is its secret). */
public record NotificationView(
        @JsonProperty("id") long id,
        @JsonProperty("rule") String rule,
        @JsonProperty("kind") String kind,
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("alert_type") String alertType,
        @JsonProperty("severity") String severity,
        @JsonProperty("recipient") String recipient,
        @JsonProperty("status") String status,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("sent_at") Instant sentAt) {

    public static NotificationView of(final Notification n) {
        return new NotificationView(n.id(), n.rule(), n.kind().name(), n.alertId(), n.machineId(), n.alertType(),
                n.severity(), Recipient.parse(n.recipient()).redacted(), n.status().name(), n.attempts(),
                n.nextAttemptAt(), n.lastError(), n.createdAt(), n.sentAt());
    }
}
