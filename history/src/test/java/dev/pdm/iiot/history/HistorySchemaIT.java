package dev.pdm.iiot.history;

import dev.pdm.iiot.localstack.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations, the sensors trigger, the rollup and the retention on a real PostgreSQL. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HistorySchemaIT {

    @TempDir
    static Path dir;
    private static PostgresServer postgres;
    private static DataSource db;

    @BeforeAll
    static void startDatabase() {
        postgres = new PostgresServer(dir.resolve("postgres"), "127.0.0.1", 0);
        postgres.start();
        db = postgres.dataSource();
        assertThat(HistorySchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password())).isEqualTo("2");
    }

    @AfterAll
    static void stopDatabase() {
        postgres.stop();
    }

    @Test
    void migratingAgainChangesNothing() {
        assertThat(HistorySchema.migrate(db)).isEqualTo("2");
    }

    @Test
    void aMinuteSummaryWithSensorsBecomesOneRowPerSensorAndAnUpsertWritesNothingTwice() throws SQLException {
        final String upsert = "INSERT INTO machine_minute_summary (machine_id, minute, readings, anomalies, max_score, sensors) "
                + "VALUES ('M1', '2025-11-21T21:27:00Z', 20, 2, 0.71, '{\"temperature\": {\"min\": 80, \"mean\": 81.5, "
                + "\"max\": 83, \"count\": 20}, \"vibration\": {\"min\": 4, \"mean\": 4.5, \"max\": 5, \"count\": %d}}') "
                + "ON CONFLICT (machine_id, minute) DO UPDATE SET readings = EXCLUDED.readings, anomalies = EXCLUDED.anomalies, "
                + "max_score = EXCLUDED.max_score, sensors = EXCLUDED.sensors";
        execute(upsert.formatted(19));
        execute(upsert.formatted(20));

        assertThat(queryLong("SELECT count(*) FROM machine_minute WHERE machine_id = 'M1'")).isEqualTo(2);
        assertThat(queryLong("SELECT readings FROM machine_minute WHERE machine_id = 'M1' AND sensor = 'vibration'"))
                .isEqualTo(20);
        assertThat(queryLong("SELECT count(*) FROM machine_minute_summary WHERE machine_id = 'M1' AND sensors IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void minutesRollIntoHoursWithTheMeanWeightedByReadings() throws SQLException {
        execute("INSERT INTO machine_minute VALUES ('M2', '2025-11-21T10:00:00Z', 'rpm', 1400, 1450, 1500, 10), "
                + "('M2', '2025-11-21T10:59:00Z', 'rpm', 1300, 1500, 1600, 30)");
        execute("INSERT INTO machine_minute_summary (machine_id, minute, readings, anomalies, max_score) VALUES "
                + "('M2', '2025-11-21T10:00:00Z', 10, 1, 0.4), ('M2', '2025-11-21T10:59:00Z', 30, 3, 0.8)");

        execute("SELECT history_rollup('2025-11-21T10:30:00Z', '2025-11-21T11:00:00Z')");
        execute("SELECT history_rollup('2025-11-21T10:30:00Z', '2025-11-21T11:00:00Z')");

        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT min, mean, max, readings FROM machine_hour WHERE machine_id = 'M2'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isEqualTo(1300);
            assertThat(rs.getDouble(2)).isEqualTo(1487.5);
            assertThat(rs.getDouble(3)).isEqualTo(1600);
            assertThat(rs.getInt(4)).isEqualTo(40);
            assertThat(rs.next()).isFalse();
        }
        assertThat(queryLong("SELECT anomalies FROM machine_hour_summary WHERE machine_id = 'M2'")).isEqualTo(4);
    }

    @Test
    void theRetentionJobRollsUpRecentMinutesAndDeletesMinutesPastRetention() throws SQLException {
        execute("INSERT INTO machine_minute VALUES ('M3', date_trunc('minute', now() - interval '1 hour'), 'rpm', 1, 2, 3, 5), "
                + "('M3', now() - interval '40 days', 'rpm', 1, 2, 3, 5)");
        execute("INSERT INTO machine_minute_summary (machine_id, minute, readings, anomalies) VALUES "
                + "('M3', date_trunc('minute', now() - interval '1 hour'), 5, 0), ('M3', now() - interval '40 days', 5, 0)");
        final RetentionJob job = new RetentionJob(db, new RetentionJob.Settings(Duration.ofDays(30), Duration.ofDays(730),
                Duration.ofHours(3), Duration.ofMinutes(5), Duration.ofMinutes(15)));

        final RetentionJob.Result result = job.runOnce();

        assertThat(result.hoursRolledUp()).isGreaterThanOrEqualTo(1);
        assertThat(result.rowsDeleted()).isGreaterThanOrEqualTo(2);
        assertThat(queryLong("SELECT count(*) FROM machine_minute WHERE machine_id = 'M3'")).isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM machine_hour_summary WHERE machine_id = 'M3'")).isEqualTo(1);
    }

    private static void execute(final String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long queryLong(final String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
