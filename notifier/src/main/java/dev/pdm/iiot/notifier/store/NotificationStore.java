package dev.pdm.iiot.notifier.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What the intake writes, each call within the caller's transaction: intended notifications,
 * recorded once by their key ({@code INSERT … ON CONFLICT DO NOTHING}), the facts the silent period
 * and the clear need, cancelled escalations and digest items.
 */
@ApplicationScoped
public class NotificationStore {

    /** The notification to record; its key decides whether it is new. */
    public record Intended(String dedupKey, String rule, NotificationKind kind, String alertId, String machineId,
                           String alertType, String severity, String recipient, String payload, Instant eventAt,
                           DeliveryStatus status, Instant dueAt) {
    }

    /** Records it unless a notification of the same key exists; true when it was new. */
    public boolean record(final Connection connection, final Intended n, final Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification_delivery"
                + " (dedup_key, rule_name, kind, alert_id, machine_id, alert_type, severity, recipient, payload,"
                + " event_at, status, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (dedup_key) DO NOTHING")) {
            insert.setString(1, n.dedupKey());
            insert.setString(2, n.rule());
            insert.setString(3, n.kind().name());
            insert.setString(4, n.alertId());
            insert.setString(5, n.machineId());
            insert.setString(6, n.alertType());
            insert.setString(7, n.severity());
            insert.setString(8, n.recipient());
            insert.setString(9, n.payload());
            Rows.instant(insert, 10, n.eventAt());
            insert.setString(11, n.status().name());
            Rows.instant(insert, 12, n.dueAt());
            Rows.instant(insert, 13, now);
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * Whether the rule told anybody of another raise of the machine and type in
     * {@code (from, to]}: then this raise is within the silent period.
     */
    public boolean raisedWithin(final Connection connection, final String rule, final String machineId,
                                final String alertType, final String exceptAlertId, final Instant from,
                                final Instant to) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM notification_delivery"
                + " WHERE rule_name = ? AND machine_id = ? AND alert_type = ? AND kind = 'RAISED'"
                + " AND status <> 'SUPPRESSED' AND alert_id <> ? AND event_at > ? AND event_at <= ? LIMIT 1")) {
            query.setString(1, rule);
            query.setString(2, machineId);
            query.setString(3, alertType);
            query.setString(4, exceptAlertId);
            Rows.instant(query, 5, from);
            Rows.instant(query, 6, to);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Whether the rule told anybody of the alert's raise (not suppressed). */
    public boolean toldRaise(final Connection connection, final String rule, final String alertId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM notification_delivery"
                + " WHERE alert_id = ? AND rule_name = ? AND kind = 'RAISED' AND status <> 'SUPPRESSED' LIMIT 1")) {
            query.setString(1, alertId);
            query.setString(2, rule);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Cancels the alert's escalations not yet attempted; how many. */
    public int cancelEscalations(final Connection connection, final String alertId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE notification_delivery"
                + " SET status = 'CANCELLED' WHERE alert_id = ? AND kind = 'ESCALATED' AND status = 'PENDING'")) {
            update.setString(1, alertId);
            return update.executeUpdate();
        }
    }

    /** Adds the alert to the rule's digest of the period, once; true when it was new. */
    public boolean collect(final Connection connection, final String rule, final String alertId,
                           final Instant periodStart, final String payload, final Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification_digest_item"
                + " (rule_name, alert_id, period_start, payload, created_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (rule_name, alert_id) DO NOTHING")) {
            insert.setString(1, rule);
            insert.setString(2, alertId);
            Rows.instant(insert, 3, periodStart);
            insert.setString(4, payload);
            Rows.instant(insert, 5, now);
            return insert.executeUpdate() == 1;
        }
    }
}
