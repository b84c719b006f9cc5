package dev.pdm.iiot.dashboard.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A machine's points from the history database. The database does the math: one query buckets the
 * per-sensor table and the summary table with {@code date_bin} (a step of one minute or hour leaves
 * the rows as they are), the mean weighted by each row's readings, and joins them by time.
 */
@ApplicationScoped
public class MachineHistoryQueries {

    /** The origin of every bucket: steps start at whole multiples of the step since then. */
    static final String ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";

    private static final String SQL = """
            WITH s AS (
                SELECT date_bin(CAST(? AS interval), {time}, {origin}) AS t,
                       sum(readings) AS readings, sum(anomalies) AS anomalies, max(max_score) AS max_score
                FROM {summary}
                WHERE machine_id = ? AND {time} >= ? AND {time} < ?
                GROUP BY 1
            ), v AS (
                SELECT date_bin(CAST(? AS interval), {time}, {origin}) AS t, sensor,
                       min(min) AS min, sum(mean * readings) / nullif(sum(readings), 0) AS mean, max(max) AS max
                FROM {values}
                WHERE machine_id = ? AND {time} >= ? AND {time} < ?
                GROUP BY 1, 2
            )
            SELECT coalesce(s.t, v.t) AS t, s.readings, s.anomalies, s.max_score, v.sensor, v.min, v.mean, v.max
            FROM s FULL JOIN v ON v.t = s.t
            ORDER BY 1, v.sensor
            """;

    private final HistoryDatabase database;

    @Inject
    public MachineHistoryQueries(final HistoryDatabase database) {
        this.database = database;
    }

    public MachineHistory points(final String machineId, final ChartRange range) {
        final Resolution r = range.resolution();
        final String sql = SQL.replace("{time}", r.timeColumn()).replace("{origin}", ORIGIN)
                .replace("{summary}", r.summaryTable()).replace("{values}", r.valuesTable());
        final String interval = range.step().toSeconds() + " seconds";
        final List<MachineHistory.Point> points = database.read("the history of " + machineId, connection -> {
            try (PreparedStatement statement = database.prepare(connection, sql)) {
                int i = 1;
                for (int table = 0; table < 2; table++) {
                    statement.setString(i++, interval);
                    statement.setString(i++, machineId);
                    statement.setObject(i++, HistoryDatabase.timestamp(range.period().from()));
                    statement.setObject(i++, HistoryDatabase.timestamp(range.period().to()));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return read(rows);
                }
            }
        });
        return new MachineHistory(machineId, range.period().from(), range.period().to(), range.step().toString(),
                range.step().toSeconds(), r.label(), r.valuesTable(), points);
    }

    private static List<MachineHistory.Point> read(final ResultSet rows) throws java.sql.SQLException {
        final List<MachineHistory.Point> points = new ArrayList<>();
        Instant time = null;
        Long readings = null;
        Long anomalies = null;
        Double maxScore = null;
        Map<String, MachineHistory.SensorValues> sensors = new TreeMap<>();
        while (rows.next()) {
            final Instant t = HistoryDatabase.instant(rows, "t");
            if (!t.equals(time)) {
                if (time != null) {
                    points.add(new MachineHistory.Point(time, readings, anomalies, maxScore, sensors));
                }
                time = t;
                final long r = rows.getLong("readings");
                readings = rows.wasNull() ? null : r;
                final long a = rows.getLong("anomalies");
                anomalies = rows.wasNull() ? null : a;
                maxScore = HistoryDatabase.nullableDouble(rows, "max_score");
                sensors = new TreeMap<>();
            }
            final String sensor = rows.getString("sensor");
            if (sensor != null) {
                sensors.put(sensor, new MachineHistory.SensorValues(HistoryDatabase.nullableDouble(rows, "min"),
                        HistoryDatabase.nullableDouble(rows, "mean"), HistoryDatabase.nullableDouble(rows, "max")));
            }
        }
        if (time != null) {
            points.add(new MachineHistory.Point(time, readings, anomalies, maxScore, sensors));
        }
        return points;
    }
}
