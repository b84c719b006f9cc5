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
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
 *
 * <p>Extensions are embedded from this JVM's classpath, made anew for every start. Several run as
 * one embedded extension ({@code EmbeddedHiveMQBuilder} takes one): each starts in the order of its
 * start priority, one that prevents its start is left out while the others run, and the client
 * initializers of those that implement {@code ClientInitializer} themselves are all called, highest
 * priority first, so that their interceptors run in that order (a security extension's, refusing
 * unauthorized publishes, before the Kafka bridge's). Without any authenticator an embedded HiveMQ
 * lets every client in.
 */
public final class MqttBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final String CONFIG_FILE = "config.xml";

    private final Supplier<List<EmbeddedExtension>> extensions;
    private MqttBrokerConfig config;
    private EmbeddedHiveMQ hivemq;

    public MqttBroker(final MqttBrokerConfig config) {
        this(config, (Supplier<EmbeddedExtension>) null);
    }

    /**
     * A broker with an embedded extension (loaded from this JVM's classpath, as if installed in its
     * {@code extensions/} folder), made anew for every start; null for none.
     */
    public MqttBroker(final MqttBrokerConfig config, final Supplier<EmbeddedExtension> extension) {
        this.config = Objects.requireNonNull(config, "config");
        this.extensions = extension == null ? List::of : () -> List.of(extension.get());
    }

    private MqttBroker(final Supplier<List<EmbeddedExtension>> extensions, final MqttBrokerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
    }

    /**
     * A broker with several embedded extensions, made anew for every start (e.g. the security
     * extension and the Kafka bridge); an empty list for none.
     */
    public static MqttBroker withExtensions(final MqttBrokerConfig config,
                                            final Supplier<List<EmbeddedExtension>> extensions) {
        return new MqttBroker(extensions, config);
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
        if (config.tls() != null && config.tls().port() == 0) {
            config = config.withTls(config.tls().withPort(Ports.resolve(0)));
        }
        writeConfig();
        applyOutgoingWindow(config.outgoingWindow());
        final EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config.configDir())
                .withDataFolder(config.dataDir())
                .withExtensionsFolder(config.extensionsDir())
                .withoutLoggingBootstrap();
        final List<EmbeddedExtension> embedded = List.copyOf(extensions.get());
        if (!embedded.isEmpty()) {
            builder.withEmbeddedExtension(CombinedExtension.of(embedded));
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
        LOG.info("HiveMQ ready on {}{} in {} ms ({} persistence, queue {} messages/client, receive maximum {},"
                        + " outgoing window {}, packets up to {} bytes)", config.uri(),
                config.tls() == null ? "" : " and " + config.tlsUri()
                        + (config.tls().acceptsClientCertificates() ? " (client certificates accepted)" : ""),
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

    /**
     * {@code ssl://host:port} of the TLS listener for MQTT clients.
     *
     * @throws IllegalStateException without a TLS listener, or before the first start chose a free port
     */
    public synchronized String tlsUri() {
        if (config.tls() != null && config.tls().port() == 0) {
            throw new IllegalStateException("the MQTT TLS port is chosen at the first start");
        }
        return config.tlsUri();
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
            final Path file = config.configDir().resolve(CONFIG_FILE);
            Files.deleteIfExists(file);
            Files.createFile(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // the TLS listener's store passwords are in it
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(file, config.configXml(), StandardCharsets.UTF_8);
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
