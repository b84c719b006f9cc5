package dev.pdm.iiot.localstack.connect;

import dev.pdm.iiot.localstack.Ports;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * A real distributed-mode Kafka Connect worker in this JVM, started as {@code connect-distributed.sh}
 * starts one. It runs the connector plugins on the classpath (found through {@code META-INF/services})
 * and keeps connector configs, offsets and status in Kafka, so connectors survive a restart of the
 * worker. Stopped and started again, it listens on the same REST port.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectWorker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private ConnectWorkerConfig config;
    private Connect<DistributedHerder> connect;

    public ConnectWorker(final ConnectWorkerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Starts the worker; returns once its REST API reports it healthy (joined its group). */
    public synchronized void start() {
        if (connect != null) {
            return;
        }
        final long started = System.nanoTime();
        if (config.port() == 0) {
            config = config.withPort(Ports.resolve(0));
        }
        final Connect<DistributedHerder> starting = startConnect();
        try {
            awaitHealthy();
        } catch (RuntimeException e) {
            starting.stop();
            throw e;
        }
        connect = starting;
        LOG.info("Kafka Connect worker ready on {} in {} ms", config.url(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Stops the worker; its tasks commit their offsets first. Does nothing when it is not running. */
    public synchronized void stop() {
        if (connect == null) {
            return;
        }
        final long started = System.nanoTime();
        connect.stop();
        connect = null;
        LOG.info("Kafka Connect worker on {} stopped in {} ms", config.url(), (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return connect != null;
    }

    /**
     * The REST API's base URL.
     *
     * @throws IllegalStateException before the first start chose a free port
     */
    public synchronized String url() {
        if (config.port() == 0) {
            throw new IllegalStateException("the Connect REST port is chosen at the first start");
        }
        return config.url();
    }

    /** A client of this worker's REST API. */
    public ConnectClient client() {
        return new ConnectClient(url());
    }

    /** The settings in force, with the port chosen at the first start. */
    public synchronized ConnectWorkerConfig config() {
        return config;
    }

    /**
     * {@link ConnectDistributed#startConnect} sets the calling thread's context class loader, adds a
     * JVM shutdown hook, and exits the JVM when the worker fails to start. Here the loader is given
     * back, the owner of this worker stops it (in the stack's order: Connect before the brokers it
     * needs), and a failure is an exception.
     */
    private Connect<DistributedHerder> startConnect() {
        final Thread thread = Thread.currentThread();
        final ClassLoader loader = thread.getContextClassLoader();
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka Connect worker failed to start (status " + status + ")"
                    + (message == null ? "" : ": " + message));
        });
        Exit.setShutdownHookAdder((name, hook) -> { });
        try {
            return new ConnectDistributed().startConnect(config.workerProperties());
        } finally {
            Exit.resetShutdownHookAdder();
            Exit.resetExitProcedure();
            thread.setContextClassLoader(loader);
        }
    }

    private void awaitHealthy() {
        final ConnectClient client = new ConnectClient(config.url());
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!client.isHealthy()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka Connect worker on " + config.url() + " is not healthy after "
                        + READY_TIMEOUT);
            }
            try {
                Thread.sleep(ConnectClient.POLL_INTERVAL.toMillis() / 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Connect worker", e);
            }
        }
    }
}
