package dev.pdm.iiot.notifier.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants in and out of JDBC, and a row as a {@link Notification}. */
final class Rows {

    static final String COLUMNS = "id, dedup_key, rule_name, kind, alert_id, machine_id, alert_type, severity,"
            + " recipient, payload, event_at, status, attempts, next_attempt_at, last_error, created_at, sent_at";

    private Rows() {
    }

    static void instant(final PreparedStatement statement, final int index, final Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    static Instant instant(final ResultSet row, final String column) throws SQLException {
        final OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Notification notification(final ResultSet row) throws SQLException {
        return new Notification(row.getLong("id"), row.getString("dedup_key"), row.getString("rule_name"),
                NotificationKind.valueOf(row.getString("kind")), row.getString("alert_id"), row.getString("machine_id"),
                row.getString("alert_type"), row.getString("severity"), row.getString("recipient"),
                row.getString("payload"), instant(row, "event_at"), DeliveryStatus.valueOf(row.getString("status")),
                row.getInt("attempts"), instant(row, "next_attempt_at"), row.getString("last_error"),
                instant(row, "created_at"), instant(row, "sent_at"));
    }
}
