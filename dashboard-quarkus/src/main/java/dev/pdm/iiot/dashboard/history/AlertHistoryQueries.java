package dev.pdm.iiot.dashboard.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert history from {@code alert_audit}: per alert its latest state (the latest
 * {@code changed_at}; of states at the same time the higher count, then cleared before acknowledged
 * before raised) and, from all its states, when it was raised, acknowledged and cleared and by
 * whom. An alert is in a period when it was open during some of it: raised before the period's
 * end and not cleared before its start.
 */
@ApplicationScoped
public class AlertHistoryQueries {

    /** The alerts a request asks for; a null field does not filter. */
    public record Filter(Period period, String machineId, String alertId, String type, String severity, String status,
                         int limit) {
    }

    static final String LIFE = """
            life AS (
                SELECT alert_id,
                       min(first_seen) AS raised_at,
                       min(coalesce(acknowledged_at, CASE WHEN status = 'ACTIVE_ACK' THEN changed_at END)) AS acknowledged_at,
                       (array_agg(acknowledged_by ORDER BY changed_at) FILTER (WHERE acknowledged_by IS NOT NULL))[1]
                           AS acknowledged_by,
                       min(coalesce(cleared_at, changed_at)) FILTER (WHERE status = 'CLEARED') AS cleared_at,
                       (array_agg(cleared_by ORDER BY changed_at) FILTER (WHERE cleared_by IS NOT NULL))[1] AS cleared_by,
                       count(*) AS states
                FROM alert_audit
                WHERE first_seen < ? {machine}
                GROUP BY alert_id
            )""";

    private static final String SQL = """
            WITH latest AS (
                SELECT DISTINCT ON (alert_id) alert_id, machine_id, type, severity, peak_severity, status, count,
                       last_seen, score, threshold, recommendation
                FROM alert_audit
                WHERE first_seen < ? {machine}
                ORDER BY alert_id, changed_at DESC, count DESC,
                         CASE status WHEN 'CLEARED' THEN 2 WHEN 'ACTIVE_ACK' THEN 1 ELSE 0 END DESC
            ), {life}
            SELECT l.*, f.raised_at, f.acknowledged_at, f.acknowledged_by, f.cleared_at, f.cleared_by, f.states
            FROM latest l JOIN life f USING (alert_id)
            WHERE f.raised_at < ? AND (f.cleared_at IS NULL OR f.cleared_at >= ?) {filters}
            ORDER BY f.raised_at DESC, l.alert_id
            LIMIT ?
            """;

    private final HistoryDatabase database;

    @Inject
    public AlertHistoryQueries(final HistoryDatabase database) {
        this.database = database;
    }

    public List<AlertRecord> alerts(final Filter filter) {
        final List<Object> params = new ArrayList<>();
        final String machine = machineCondition(filter);
        final StringBuilder filters = new StringBuilder();
        final List<Object> filterParams = new ArrayList<>();
        condition(filters, filterParams, "l.type", filter.type());
        condition(filters, filterParams, "l.peak_severity", filter.severity());
        condition(filters, filterParams, "l.status", filter.status());
        final String sql = SQL.replace("{life}", LIFE).replace("{machine}", machine)
                .replace("{filters}", filters.toString());
        final Object to = HistoryDatabase.timestamp(filter.period().to());
        for (int cte = 0; cte < 2; cte++) {
            params.add(to);
            machineParams(filter, params);
        }
        params.add(to);
        params.add(HistoryDatabase.timestamp(filter.period().from()));
        params.addAll(filterParams);
        params.add(filter.limit());
        return database.read("the alert history", connection -> {
            try (PreparedStatement statement = database.prepare(connection, sql)) {
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    final List<AlertRecord> alerts = new ArrayList<>();
                    while (rows.next()) {
                        alerts.add(read(rows));
                    }
                    return alerts;
                }
            }
        });
    }

    /** The condition on the machine and the alert id, in both CTEs (their parameters by {@link #machineParams}). */
    static String machineCondition(final Filter filter) {
        return (filter.machineId() == null ? "" : " AND machine_id = ?")
                + (filter.alertId() == null ? "" : " AND alert_id = ?");
    }

    static void machineParams(final Filter filter, final List<Object> params) {
        if (filter.machineId() != null) {
            params.add(filter.machineId());
        }
        if (filter.alertId() != null) {
            params.add(filter.alertId());
        }
    }

    private static void condition(final StringBuilder sql, final List<Object> params, final String column,
                                  final String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static AlertRecord read(final ResultSet rows) throws SQLException {
        return new AlertRecord(rows.getString("alert_id"), rows.getString("machine_id"), rows.getString("type"),
                rows.getString("severity"), rows.getString("peak_severity"), rows.getString("status"),
                HistoryDatabase.instant(rows, "raised_at"), HistoryDatabase.instant(rows, "last_seen"),
                HistoryDatabase.instant(rows, "acknowledged_at"), rows.getString("acknowledged_by"),
                HistoryDatabase.instant(rows, "cleared_at"), rows.getString("cleared_by"), rows.getLong("count"),
                HistoryDatabase.nullableDouble(rows, "score"), HistoryDatabase.nullableDouble(rows, "threshold"),
                rows.getString("recommendation"), rows.getLong("states"));
    }
}
