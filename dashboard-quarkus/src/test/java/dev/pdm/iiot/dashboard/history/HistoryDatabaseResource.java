package dev.pdm.iiot.dashboard.history;

import dev.pdm.iiot.history.HistorySchema;
import dev.pdm.iiot.localstack.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A real PostgreSQL (local-stack's embedded server) with the history schema migrated, shared by
 * every test of the JVM that asks for it; the app's {@code quarkus.datasource.*} point at it.
 * Tests insert rows through {@link #server()} and may stop and start it again (same port).
 */
public final class HistoryDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer server;

    /** The running server, started and migrated at the first use. */
    public static synchronized PostgresServer server() {
        if (server == null) {
            try {
                server = new PostgresServer(Files.createTempDirectory("dashboard-history-").resolve("postgres"),
                        "127.0.0.1", 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.start();
            HistorySchema.migrate(server.dataSource());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "history-postgres-shutdown"));
        }
        server.start();
        return server;
    }

    @Override
    public Map<String, String> start() {
        final PostgresServer db = server();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // shared by the test JVM; stopped by the shutdown hook
    }
}
