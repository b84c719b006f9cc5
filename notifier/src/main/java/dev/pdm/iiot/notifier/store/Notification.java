package dev.pdm.iiot.notifier.store;

import java.time.Instant;

/**
 * A row of {@code notification_delivery}.
 *
 * @param id            the row's id (also the {@code Idempotency-Key} of a webhook call)
 * @param dedupKey      what makes it unique: alert id, rule, kind and recipient
 * @param rule          the rule's name
 * @param kind          why
 * @param alertId       the alert, or null for a digest
 * @param machineId     the alert's machine, or null
 * @param alertType     the alert's type, or null
 * @param severity      the alert's peak severity when decided, or null
 * @param recipient     {@code channel:address}
 * @param payload       the alert's JSON when decided, or null for a digest
 * @param eventAt       the alert's raise, or the digest's period start
 * @param status        where it is
 * @param attempts      attempts made
 * @param nextAttemptAt when it is due
 * @param lastError     why the last attempt failed, or null
 * @param createdAt     when it was recorded
 * @param sentAt        when it was sent, or null
 */
public record Notification(long id, String dedupKey, String rule, NotificationKind kind, String alertId,
                           String machineId, String alertType, String severity, String recipient, String payload,
                           Instant eventAt, DeliveryStatus status, int attempts, Instant nextAttemptAt,
                           String lastError, Instant createdAt, Instant sentAt) {
}
