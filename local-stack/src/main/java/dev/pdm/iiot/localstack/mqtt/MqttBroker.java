package dev.pdm.iiot.localstack.mqtt;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import dev.pdm.iiot.localstack.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A real HiveMQ Community Edition broker, embedded. Every start writes the broker's config.xml
 * from {@link MqttBrokerConfig} into {@code conf/}; stopped and started again, the broker listens
 * on the same port, and with {@link MqttPersistence#FILE} it keeps persistent sessions and their
 * queued messages.
 *
 * <p>HiveMQ's own logging bootstrap is off: it would take over Logback and java.util.logging.
 * The broker logs through SLF4J to whatever backend the application has.
 */
public final class MqttBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final String CONFIG_FILE = "config.xml";

    private final Supplier<EmbeddedExtension> extension;
    private MqttBrokerConfig config;
    private EmbeddedHiveMQ hivemq;

    public MqttBroker(final MqttBrokerConfig config) {
        this(config, null);
    }

    /**
     * A broker with an embedded extension (loaded from this JVM's classpath, as if installed in its
     * {@code extensions/} folder), made anew for every start; null for none.
     */
    public MqttBroker(final MqttBrokerConfig config, final Supplier<EmbeddedExtension> extension) {
        this.config = Objects.requireNonNull(config, "config");
        this.extension = extension;
    }

    /** Writes the configuration and starts the broker; returns once it accepts connections. */
    public synchronized void start() {
        if (hivemq != null) {
            return;
        }
        final long started = System.nanoTime();
        if (config.port() == 0) {
            config = config.withPort(Ports.resolve(0));
        }
        writeConfig();
        applyOutgoingWindow(config.outgoingWindow());
        final EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config.configDir())
                .withDataFolder(config.dataDir())
                .withExtensionsFolder(config.extensionsDir())
                .withoutLoggingBootstrap();
        if (extension != null) {
            builder.withEmbeddedExtension(extension.get());
        }
        final EmbeddedHiveMQ starting = builder.build();
        try {
            starting.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(starting);
            final Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("HiveMQ failed to start on " + config.uri() + ": " + cause, cause);
        } catch (InterruptedException e) {
            closeQuietly(starting);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting HiveMQ", e);
        }
        hivemq = starting;
        LOG.info("HiveMQ ready on {} in {} ms ({} persistence, queue {} messages/client, receive maximum {},"
                        + " outgoing window {}, packets up to {} bytes)", config.uri(),
                (System.nanoTime() - started) / 1_000_000, config.persistence().configValue(),
                config.maxQueuedMessages(), config.serverReceiveMaximum(), config.outgoingWindow(),
                config.limits().maxPacketSize());
    }

    /** Stops the broker; with file persistence its sessions stay on disk. Does nothing when not running. */
    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        final long started = System.nanoTime();
        closeQuietly(hivemq);
        hivemq = null;
        LOG.info("HiveMQ on {} stopped in {} ms", config.uri(), (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return hivemq != null;
    }

    /**
     * {@code tcp://host:port} for MQTT clients.
     *
     * @throws IllegalStateException before the first start chose a free port
     */
    public synchronized String uri() {
        if (config.port() == 0) {
            throw new IllegalStateException("the MQTT port is chosen at the first start");
        }
        return config.uri();
    }

    /** The settings in force, with the port chosen at the first start. */
    public synchronized MqttBrokerConfig config() {
        return config;
    }

    /**
     * HiveMQ CE keeps its outgoing in-flight window and its queue poll batch in static fields of its
     * internal configuration, read whenever it sends queued messages; they are JVM-wide, so the last
     * broker started in a JVM decides them for all.
     */
    private static void applyOutgoingWindow(final int window) {
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = window;
        InternalConfigurations.PUBLISH_POLL_BATCH_SIZE = Math.max(MqttBrokerConfig.HIVEMQ_OUTGOING_WINDOW, window);
    }

    private void writeConfig() {
        try {
            Files.createDirectories(config.configDir());
            Files.createDirectories(config.dataDir());
            Files.createDirectories(config.extensionsDir());
            Files.writeString(config.configDir().resolve(CONFIG_FILE), config.configXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write HiveMQ's configuration to " + config.configDir(), e);
        }
    }

    private static void closeQuietly(final EmbeddedHiveMQ broker) {
        try {
            broker.close();
        } catch (ExecutionException e) {
            LOG.warn("HiveMQ did not stop cleanly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while stopping HiveMQ");
        }
    }
}
