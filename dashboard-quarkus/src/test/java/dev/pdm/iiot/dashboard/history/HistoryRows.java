package dev.pdm.iiot.dashboard.history;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/** Rows written into the history tables as the JDBC sink and the rollup write them. */
public final class HistoryRows {

    private final DataSource db;

    public HistoryRows(final DataSource db) {
        this.db = db;
    }

    public static HistoryRows of(final DataSource db) {
        return new HistoryRows(db);
    }

    /** One machine_minute row (or machine_hour with {@code hour}). */
    public HistoryRows sensor(final boolean hour, final String machine, final Instant time, final String sensor,
                              final double min, final double mean, final double max, final int readings) {
        return execute("INSERT INTO " + (hour ? "machine_hour" : "machine_minute") + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                machine, time, sensor, min, mean, max, readings);
    }

    /** One machine_minute_summary row (or machine_hour_summary with {@code hour}); a null score while training. */
    public HistoryRows summary(final boolean hour, final String machine, final Instant time, final int readings,
                               final int anomalies, final Double maxScore) {
        return execute(hour
                ? "INSERT INTO machine_hour_summary (machine_id, hour, readings, anomalies, max_score) VALUES (?, ?, ?, ?, ?)"
                : "INSERT INTO machine_minute_summary (machine_id, minute, readings, anomalies, max_score) VALUES (?, ?, ?, ?, ?)",
                machine, time, readings, anomalies, maxScore);
    }

    /** One state of an alert in alert_audit. */
    public HistoryRows alertState(final String alertId, final Instant changedAt, final String status, final long count,
                                  final String severity, final String peakSeverity, final Instant firstSeen,
                                  final String recommendation, final String ackedBy, final Instant ackedAt,
                                  final String clearedBy, final Instant clearedAt) {
        final String[] parts = alertId.split(":");
        return execute("INSERT INTO alert_audit (alert_id, changed_at, status, count, machine_id, type, severity,"
                        + " peak_severity, first_seen, last_seen, anomaly_score, score, threshold, model_version,"
                        + " recommendation, acknowledged_by, acknowledged_at, cleared_by, cleared_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                alertId, changedAt, status, count, parts[0], parts[1], severity, peakSeverity, firstSeen, changedAt,
                -0.7, "ANOMALY".equals(parts[1]) ? 0.7 : null, "ANOMALY".equals(parts[1]) ? 0.6 : null, 1,
                recommendation, ackedBy, ackedAt, clearedBy, clearedAt);
    }

    public HistoryRows execute(final String sql, final Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                final Object p = params[i];
                s.setObject(i + 1, p instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : p);
            }
            s.execute();
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
