package dev.pdm.iiot.platform.compose;

import dev.pdm.iiot.history.HistorySchema;
import dev.pdm.iiot.platform.security.ComposeSecrets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database of docker compose, in process: a real PostgreSQL (zonky's embedded server, 14) with
 * the platform's database, its roles as deploy/postgres/roles.sql makes them (run as the superuser,
 * as the compose service postgres-roles does), and the history schema migrated as its owner (as
 * history-migrate does), the roles script run again afterwards as at the next start. The server
 * trusts local connections: each role connects without a password.
 */
final class ComposeDatabase implements AutoCloseable {

    static final Path ROLES = Path.of("..", "deploy", "postgres", "roles.sql");
    static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres server;
    private final String url;

    private ComposeDatabase(final EmbeddedPostgres server) {
        this.server = server;
        this.url = "jdbc:postgresql://localhost:" + server.getPort() + "/" + ComposeSecrets.DATABASE;
    }

    static ComposeDatabase start(final Path dir) throws Exception {
        final EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .start();
        final ComposeDatabase database = new ComposeDatabase(server);
        try {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + ComposeSecrets.DATABASE);
            }
            database.runRolesScript();
            HistorySchema.migrate(database.url, ComposeSecrets.DB_OWNER, "");
            database.runRolesScript();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return database;
    }

    /** The platform's database, e.g. {@code jdbc:postgresql://localhost:5432/pdm}. */
    String url() {
        return url;
    }

    Connection connect(final String role) throws SQLException {
        return DriverManager.getConnection(url, role, "");
    }

    void runRolesScript() throws SQLException {
        try (Connection c = connect(SUPERUSER); Statement s = c.createStatement()) {
            s.execute(Files.readString(ROLES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
