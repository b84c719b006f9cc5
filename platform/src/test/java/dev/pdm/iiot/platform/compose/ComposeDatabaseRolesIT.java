package dev.pdm.iiot.platform.compose;

import dev.pdm.iiot.history.RetentionJob;
import dev.pdm.iiot.platform.security.ComposeSecrets;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database roles of docker compose (deploy/postgres/roles.sql) on a real PostgreSQL set up as
 * compose sets it up ({@link ComposeDatabase}): each role does its work and is refused the rest. The
 * embedded server trusts local connections, so the passwords (roles.sh) are not part of this test;
 * what each role may do is.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ComposeDatabaseRolesIT {

    /** PostgreSQL's SQLSTATE of insufficient_privilege. */
    private static final String DENIED = "42501";

    @TempDir
    static Path dir;
    private static ComposeDatabase database;
    private static String url;

    @BeforeAll
    static void setUpTheDatabaseAsComposeDoes() throws Exception {
        database = ComposeDatabase.start(dir.resolve("pg"));
        url = database.url();
    }

    @AfterAll
    static void stop() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theSinkUpsertsTheHistoryAndItsTriggerExplodesTheSensorsButItDeletesNothing() throws Exception {
        try (Connection sink = connect(ComposeSecrets.DB_CONNECT); Statement s = sink.createStatement()) {
            for (int i = 0; i < 2; i++) {
                s.executeUpdate("INSERT INTO machine_minute_summary (machine_id, minute, readings, anomalies, max_score,"
                        + " model_version, sensors) VALUES ('SINK_001', date_trunc('hour', now()) - interval '2 hours', 20, 1,"
                        + " 0.7, 1, '{\"temperature\": {\"min\": 60, \"mean\": 61, \"max\": 62, \"count\": 20}}')"
                        + " ON CONFLICT (machine_id, minute) DO UPDATE SET readings = EXCLUDED.readings,"
                        + " anomalies = EXCLUDED.anomalies, sensors = EXCLUDED.sensors");
            }
            assertThat(count(s, "SELECT count(*) FROM machine_minute WHERE machine_id = 'SINK_001'")).isEqualTo(1);
            assertDenied(s, "DELETE FROM machine_minute_summary");
            assertDenied(s, "CREATE TABLE public.sink_table (id int)");
            assertDenied(s, "SELECT history_prune(interval '1 day', interval '2 days')");
            assertDenied(s, "SELECT * FROM notifier.notification_delivery");
        }
    }

    @Test
    void theReaderReadsTheHistoryAndChangesNothing() throws Exception {
        final String model = "INSERT INTO model_versions (machine_id, version, trained_at, samples, features, threshold,"
                + " contamination, trees, subsample, extension_level, size_bytes) VALUES ('READ_001', %d, now(), 30,"
                + " '[\"rpm\"]', 0.5, 0.1, 100, 256, 0, 1024)";
        try (Connection sink = connect(ComposeSecrets.DB_CONNECT); Statement s = sink.createStatement()) {
            s.executeUpdate(model.formatted(1));
        }
        try (Connection reader = connect(ComposeSecrets.DB_READER); Statement s = reader.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM model_versions WHERE machine_id = 'READ_001'")).isEqualTo(1);
            assertDenied(s, model.formatted(2));
            assertDenied(s, "UPDATE machine_minute_summary SET readings = 0");
            assertDenied(s, "SELECT history_rollup(now() - interval '1 hour', now())");
            assertDenied(s, "CREATE TABLE public.reader_table (id int)");
        }
    }

    @Test
    void theRetentionRollsUpAndPrunesAsTheRetentionJob() throws Exception {
        try (Connection sink = connect(ComposeSecrets.DB_CONNECT); Statement s = sink.createStatement()) {
            s.executeUpdate("INSERT INTO machine_minute_summary (machine_id, minute, readings, anomalies, sensors)"
                    + " VALUES ('KEEP_001', date_trunc('hour', now()) - interval '1 hour', 10, 0,"
                    + " '{\"rpm\": {\"min\": 1400, \"mean\": 1450, \"max\": 1500, \"count\": 10}}'),"
                    + " ('OLD_001', now() - interval '40 days', 10, 0, '{\"rpm\": {\"min\": 1, \"mean\": 1, \"max\": 1, \"count\": 10}}')");
        }
        final PGSimpleDataSource retention = new PGSimpleDataSource();
        retention.setURL(url);
        retention.setUser(ComposeSecrets.DB_RETENTION);
        final RetentionJob.Result result = new RetentionJob(retention, RetentionJob.Settings.defaults()).runOnce();

        assertThat(result.hoursRolledUp()).isPositive();
        assertThat(result.rowsDeleted()).isPositive();
        try (Connection reader = connect(ComposeSecrets.DB_READER); Statement s = reader.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM machine_hour WHERE machine_id = 'KEEP_001'")).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM machine_minute WHERE machine_id = 'OLD_001'")).isZero();
        }
        try (Connection c = retention.getConnection(); Statement s = c.createStatement()) {
            assertDenied(s, "CREATE TABLE public.retention_table (id int)");
        }
    }

    @Test
    void theNotifierMigratesItsOwnSchemaAndSeesNoHistory() throws Exception {
        final Flyway notifier = Flyway.configure()
                .dataSource(url, ComposeSecrets.DB_NOTIFIER, "")
                .locations("classpath:db/notifier")
                .table("notification_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        notifier.migrate();
        notifier.migrate();

        try (Connection c = connect(ComposeSecrets.DB_NOTIFIER); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM notification_delivery")).isZero();
            assertThat(count(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'notifier'"
                    + " AND tablename IN ('notification_delivery', 'notification_digest_item', 'notification_schema_history')"))
                    .isEqualTo(3);
            assertDenied(s, "SELECT * FROM public.alert_audit");
            assertDenied(s, "CREATE TABLE public.notifier_table (id int)");
        }
    }

    @Test
    void aLaterMigrationsTablesAndFunctionsGetTheSameGrants() throws Exception {
        try (Connection owner = connect(ComposeSecrets.DB_OWNER); Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE later_history (machine_id varchar(64) PRIMARY KEY, value double precision)");
            s.execute("CREATE FUNCTION later_cleanup() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM later_history'");
        }
        try (Connection sink = connect(ComposeSecrets.DB_CONNECT); Statement s = sink.createStatement()) {
            s.executeUpdate("INSERT INTO later_history VALUES ('M1', 1) ON CONFLICT (machine_id) DO UPDATE SET value = 2");
            assertDenied(s, "SELECT later_cleanup()");
        }
        try (Connection reader = connect(ComposeSecrets.DB_READER); Statement s = reader.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM later_history")).isEqualTo(1);
            assertDenied(s, "SELECT later_cleanup()");
        }
        try (Connection retention = connect(ComposeSecrets.DB_RETENTION); Statement s = retention.createStatement()) {
            assertThat(count(s, "SELECT later_cleanup()")).isEqualTo(1);
        }
    }

    @Test
    void onlyThePlatformsRolesConnect() throws Exception {
        try (Connection c = database.connect(ComposeDatabase.SUPERUSER);
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE outsider LOGIN");
        }
        assertThatThrownBy(() -> connect("outsider").close()).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo(DENIED));
        try (Connection c = database.connect(ComposeDatabase.SUPERUSER);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolname FROM pg_roles WHERE rolname LIKE 'pdm%' AND NOT rolsuper"
                     + " AND NOT rolcreaterole AND NOT rolcreatedb ORDER BY 1")) {
            final List<String> roles = new ArrayList<>();
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
            assertThat(roles).containsExactlyInAnyOrderElementsOf(ComposeSecrets.DB_ROLES);
        }
    }

    private static Connection connect(final String role) throws SQLException {
        return database.connect(role);
    }

    private static long count(final Statement s, final String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertDenied(final Statement s, final String sql) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as("%s: %s", sql, e.getMessage()).isEqualTo(DENIED));
    }
}
