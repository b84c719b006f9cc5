package dev.pdm.iiot.notifier.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The senders' side of {@code notification_delivery}. A sender claims due rows in one statement
 * ({@code FOR UPDATE SKIP LOCKED}, so two instances never claim the same row) and holds each for a
 * lease; it then reports each sent or failed under its claim token. A row whose sender died is
 * claimed again when its lease has run out.
 */
@ApplicationScoped
public class DeliveryQueue {

    private final AgroalDataSource dataSource;

    public DeliveryQueue(final AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims up to {@code limit} rows due at {@code now} for {@code token} until {@code leaseUntil}. */
    public List<Notification> claim(final String token, final Instant now, final Instant leaseUntil, final int limit)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement claim = connection.prepareStatement("UPDATE notification_delivery"
                     + " SET status = 'SENDING', claimed_by = ?, lease_until = ?"
                     + " WHERE id IN (SELECT id FROM notification_delivery"
                     + "   WHERE (status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until <= ?)"
                     + "   ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                     + " RETURNING " + Rows.COLUMNS)) {
            claim.setString(1, token);
            Rows.instant(claim, 2, leaseUntil);
            Rows.instant(claim, 3, now);
            Rows.instant(claim, 4, now);
            claim.setInt(5, limit);
            final List<Notification> claimed = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(Rows.notification(rows));
                }
            }
            // RETURNING keeps no order: send the oldest first (a raise before its clear)
            claimed.sort(Comparator.comparing(Notification::nextAttemptAt).thenComparingLong(Notification::id));
            return claimed;
        }
    }

    /** Sent: true unless the claim was lost (its lease ran out and another sender took it). */
    public boolean sent(final long id, final String token, final Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE notification_delivery"
                     + " SET status = 'SENT', attempts = attempts + 1, sent_at = ?, lease_until = NULL, last_error = NULL"
                     + " WHERE id = ? AND claimed_by = ? AND status = 'SENDING'")) {
            Rows.instant(update, 1, at);
            update.setLong(2, id);
            update.setString(3, token);
            return update.executeUpdate() == 1;
        }
    }

    /** Failed: to be tried again at {@code retryAt}, or given up (FAILED) when that is null. */
    public boolean failed(final long id, final String token, final String error, final Instant retryAt)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE notification_delivery"
                     + " SET status = ?, attempts = attempts + 1, next_attempt_at = COALESCE(?, next_attempt_at),"
                     + " lease_until = NULL, last_error = ? WHERE id = ? AND claimed_by = ? AND status = 'SENDING'")) {
            update.setString(1, (retryAt == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING).name());
            Rows.instant(update, 2, retryAt);
            update.setString(3, truncate(error == null ? "unknown error" : error));
            update.setLong(4, id);
            update.setString(5, token);
            return update.executeUpdate() == 1;
        }
    }

    /** The newest notifications of a status, newest first. */
    public List<Notification> byStatus(final DeliveryStatus status, final int limit) throws SQLException {
        return query("SELECT " + Rows.COLUMNS + " FROM notification_delivery WHERE status = ?"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", status.name(), limit);
    }

    /** Every notification of an alert, oldest first. */
    public List<Notification> ofAlert(final String alertId) throws SQLException {
        return query("SELECT " + Rows.COLUMNS + " FROM notification_delivery WHERE alert_id = ? ORDER BY id",
                alertId, Integer.MAX_VALUE);
    }

    /** How many notifications are in the status. */
    public long count(final DeliveryStatus status) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM notification_delivery WHERE status = ?")) {
            query.setString(1, status.name());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The payloads (alert JSON) a digest rule collected in the period starting at {@code periodStart}. */
    public List<String> digestItems(final String rule, final Instant periodStart) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT payload FROM notification_digest_item"
                     + " WHERE rule_name = ? AND period_start = ? ORDER BY created_at, alert_id")) {
            query.setString(1, rule);
            Rows.instant(query, 2, periodStart);
            final List<String> payloads = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    payloads.add(rows.getString(1));
                }
            }
            return payloads;
        }
    }

    private List<Notification> query(final String sql, final String value, final int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            if (limit != Integer.MAX_VALUE) {
                query.setInt(2, limit);
            }
            final List<Notification> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(Rows.notification(rows));
                }
            }
            return found;
        }
    }

    private static String truncate(final String error) {
        return error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
