package dev.pdm.iiot.dashboard.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fleet report from {@code alert_audit}. Each alert's open time (raised to cleared, or to the
 * period's end while open) is clipped to the period; a machine's time in alert is the union of its
 * alerts' clipped times ({@code range_agg}), so two alerts open at once count once.
 */
@ApplicationScoped
public class FleetReportQueries {

    private static final String SQL = """
            WITH life AS (
                SELECT alert_id, min(machine_id) AS machine_id, min(type) AS type, min(first_seen) AS raised_at,
                       min(coalesce(cleared_at, changed_at)) FILTER (WHERE status = 'CLEARED') AS cleared_at,
                       bool_or(peak_severity = 'CRITICAL') AS critical
                FROM alert_audit
                WHERE first_seen < ? {machine}
                GROUP BY alert_id
            ), clipped AS (
                SELECT machine_id, type, critical, raised_at,
                       cleared_at IS NULL OR cleared_at >= ? AS open_at_end,
                       tstzrange(greatest(raised_at, ?), greatest(greatest(raised_at, ?), least(coalesce(cleared_at, ?), ?)))
                           AS span
                FROM life
                WHERE raised_at < ? AND (cleared_at IS NULL OR cleared_at > ?)
            ), machines AS (
                SELECT machine_id, count(*) AS alerts, count(*) FILTER (WHERE critical) AS critical,
                       count(*) FILTER (WHERE open_at_end) AS open_at_end, array_agg(DISTINCT type) AS types,
                       range_agg(span) AS spans, max(raised_at) AS last_raised_at
                FROM clipped
                GROUP BY machine_id
            )
            SELECT machine_id, alerts, critical, open_at_end, types, last_raised_at,
                   (SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) FROM unnest(spans) AS r)
                       AS seconds
            FROM machines
            ORDER BY seconds DESC, alerts DESC, machine_id
            LIMIT ?
            """;

    private final HistoryDatabase database;

    @Inject
    public FleetReportQueries(final HistoryDatabase database) {
        this.database = database;
    }

    /** The report of {@code period} (its end already no later than now), of one machine or all. */
    public FleetReport report(final Period period, final String machineId, final int limit) {
        final Object from = HistoryDatabase.timestamp(period.from());
        final Object to = HistoryDatabase.timestamp(period.to());
        final String sql = SQL.replace("{machine}", machineId == null ? "" : " AND machine_id = ?");
        final List<Object> params = new ArrayList<>();
        params.add(to);
        if (machineId != null) {
            params.add(machineId);
        }
        params.addAll(List.of(to, from, from, to, to, to, from, limit));
        final double seconds = period.length().toSeconds();
        final List<FleetReport.Machine> machines = database.read("the fleet report", connection -> {
            try (PreparedStatement statement = database.prepare(connection, sql)) {
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    final List<FleetReport.Machine> result = new ArrayList<>();
                    while (rows.next()) {
                        final long inAlert = Math.round(rows.getDouble("seconds"));
                        final Array types = rows.getArray("types");
                        result.add(new FleetReport.Machine(rows.getString("machine_id"), rows.getLong("alerts"),
                                rows.getLong("critical"), rows.getLong("open_at_end"),
                                Arrays.asList((String[]) types.getArray()), inAlert,
                                Math.min(1.0, inAlert / seconds), HistoryDatabase.instant(rows, "last_raised_at")));
                    }
                    return result;
                }
            }
        });
        return new FleetReport(period.from(), period.to(), machines);
    }
}
