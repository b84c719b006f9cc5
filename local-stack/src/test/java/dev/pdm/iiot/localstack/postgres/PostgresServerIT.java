package dev.pdm.iiot.localstack.postgres;

import dev.pdm.iiot.localstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL is a real server whose cluster outlives a stop, and a new server on its folder. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresServerIT {

    @Test
    void aServerStartedAgainOnItsFolderKeepsItsTablesAndPort(@TempDir final Path dir) throws Exception {
        final PostgresServer first = new PostgresServer(dir.resolve("postgres"), "127.0.0.1", 0);
        first.start();
        final String url = first.jdbcUrl();
        try {
            execute(first, "CREATE TABLE kept (id int PRIMARY KEY, name text)");
            execute(first, "INSERT INTO kept VALUES (1, 'before the restart')");
        } finally {
            first.stop();
        }
        assertThat(first.isRunning()).isFalse();
        assertThatThrownBy(() -> DriverManager.getConnection(url, PostgresServer.USER, "").close())
                .isInstanceOf(SQLException.class);

        first.start();
        try {
            assertThat(first.jdbcUrl()).isEqualTo(url);
            assertThat(queryName(first)).isEqualTo("before the restart");
        } finally {
            first.stop();
        }

        try (PostgresServer second = new PostgresServer(dir.resolve("postgres"), "127.0.0.1", 0)) {
            second.start();
            assertThat(queryName(second)).isEqualTo("before the restart");
        }
    }

    @Test
    void theStackRunsPostgresOnlyWhenAskedAndKeepsItsDataAcrossRestarts(@TempDir final Path dir) throws Exception {
        try (LocalStack without = LocalStack.builder().withConnect(false).build()) {
            assertThat(without.postgres()).isEmpty();
        }
        try (LocalStack stack = LocalStack.builder().dataDir(dir).withConnect(false).withPostgres(true).build()) {
            stack.start();
            final PostgresServer postgres = stack.postgres().orElseThrow();
            assertThat(postgres.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("postgres"));
            execute(postgres, "CREATE TABLE kept (id int PRIMARY KEY, name text)");
            execute(postgres, "INSERT INTO kept VALUES (1, 'stack data')");

            stack.stop();
            assertThat(postgres.isRunning()).isFalse();
            stack.start();

            assertThat(stack.isRunning()).isTrue();
            assertThat(queryName(postgres)).isEqualTo("stack data");
        }
    }

    private static void execute(final PostgresServer server, final String sql) throws SQLException {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryName(final PostgresServer server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM kept WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
