package dev.pdm.iiot.localstack.kafka;

import dev.pdm.iiot.localstack.Ports;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller combined), started on the
 * production code path: the storage is formatted as {@code kafka-storage.sh format} does it, then a
 * {@link KafkaRaftServer} runs. Starting on a folder formatted before keeps its data. Stopped and
 * started again, the broker listens on the same ports.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private KafkaBrokerConfig config;
    private KafkaRaftServer server;
    private String clusterId;

    public KafkaBroker(final KafkaBrokerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Formats the storage when it is new and starts the broker; returns once it serves clients. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        final long started = System.nanoTime();
        if (config.port() == 0 || config.controllerPort() == 0) {
            final int[] ports = Ports.resolve(config.port(), config.controllerPort());
            config = config.withPorts(ports[0], ports[1]);
        }
        final KafkaRaftServer starting;
        try {
            Files.createDirectories(config.logDir());
            final KafkaConfig kafkaConfig = new KafkaConfig(config.serverProperties(), false);
            clusterId = KraftStorage.formatIfNeeded(kafkaConfig, config.quorum().clusterId());
            starting = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka storage " + config.logDir(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the Kafka broker: " + e.getMessage(), e);
        }
        try {
            starting.startup();
        } catch (RuntimeException e) {
            shutDown(starting);
            throw new IllegalStateException("Kafka broker failed to start on " + config.bootstrapServers(), e);
        }
        server = starting;
        LOG.info("Kafka broker ready on {} in {} ms (cluster {}, data {})", config.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, clusterId, config.logDir());
    }

    /** Stops the broker; its data stays in the log directory. Does nothing when it is not running. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        final long started = System.nanoTime();
        shutDown(server);
        server = null;
        LOG.info("Kafka broker on {} stopped in {} ms", config.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * {@code host:port} for clients.
     *
     * @throws IllegalStateException before the first start chose a free port
     */
    public synchronized String bootstrapServers() {
        if (config.port() == 0) {
            throw new IllegalStateException("the Kafka port is chosen at the first start");
        }
        return config.bootstrapServers();
    }

    /** The settings in force, with the ports chosen at the first start. */
    public synchronized KafkaBrokerConfig config() {
        return config;
    }

    /** The cluster id of the broker's storage, known once it has started. */
    public synchronized String clusterId() {
        return clusterId;
    }

    private static void shutDown(final KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not shut down cleanly", e);
        }
    }
}
