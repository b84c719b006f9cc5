package dev.pdm.iiot.localstack;

import com.hivemq.embedded.EmbeddedExtension;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.TopicSpec;
import dev.pdm.iiot.localstack.connect.ConnectWorker;
import dev.pdm.iiot.localstack.connect.ConnectWorkerConfig;
import dev.pdm.iiot.localstack.kafka.KafkaBroker;
import dev.pdm.iiot.localstack.kafka.KafkaBrokerConfig;
import dev.pdm.iiot.localstack.kafka.PlatformTopics;
import dev.pdm.iiot.localstack.mqtt.MqttBroker;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttLimits;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.localstack.mqtt.MqttTls;
import dev.pdm.iiot.localstack.postgres.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The platform's brokers in this JVM: a KRaft Kafka broker with the platform's topics, a HiveMQ CE
 * broker, (optionally) a distributed Kafka Connect worker and (optionally) the PostgreSQL server of
 * the platform's history, all real, on free or given ports, with their data under one folder
 * ({@code kafka/}, {@code hivemq/}, {@code postgres/}).
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().dataDir(Path.of("data/local-stack")).build().start()) {
 *     stack.bootstrapServers();   // 127.0.0.1:40123
 *     stack.mqttUri();            // tcp://127.0.0.1:40125
 *     stack.connectUrl();         // http://127.0.0.1:40127
 * }
 * }</pre>
 *
 * <p>{@link #stop()} keeps the data and the ports, so {@link #start()} brings the same stack back;
 * each component can also be stopped and started on its own ({@link #kafka()}, {@link #mqtt()},
 * {@link #connect()}). {@link #close()} stops everything and deletes the data folder when the stack
 * made it itself (no {@link Builder#dataDir} given).
 */
public final class LocalStack implements BrokerStack {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final List<TopicSpec> topics;
    private final KafkaBroker kafka;
    private final MqttBroker mqtt;
    private final ConnectWorker connect;
    private final PostgresServer postgres;
    private final boolean withMqttExtension;

    private LocalStack(final Builder builder, final Path dataDir, final boolean ownsDataDir) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.topics = List.copyOf(builder.topics);
        final int[] ports = Ports.resolve(builder.kafkaPort, builder.controllerPort, builder.mqttPort,
                builder.connectPort, builder.mqttTls == null ? 0 : builder.mqttTls.port(), builder.postgresPort);
        final String advertisedHost = builder.advertisedHost != null
                ? builder.advertisedHost : Ports.clientHost(builder.bindAddress);
        final KafkaBrokerConfig kafkaConfig = new KafkaBrokerConfig(dataDir.resolve("kafka"), builder.bindAddress,
                advertisedHost, ports[0], ports[1], builder.kafkaProperties);
        this.kafka = new KafkaBroker(kafkaConfig);
        final Function<String, List<EmbeddedExtension>> extensions = builder.mqttExtensions;
        this.withMqttExtension = extensions != null;
        this.mqtt = MqttBroker.withExtensions(new MqttBrokerConfig(dataDir.resolve("hivemq"), builder.bindAddress,
                        ports[2], builder.mqttPersistence, builder.mqttMaxQueuedMessages,
                        builder.mqttServerReceiveMaximum, builder.mqttOutgoingWindow, builder.mqttLimits,
                        builder.mqttTls == null ? null : builder.mqttTls.withPort(ports[4])),
                extensions == null ? List::of : () -> extensions.apply(kafkaConfig.bootstrapServers()));
        this.connect = builder.withConnect
                ? new ConnectWorker(new ConnectWorkerConfig(kafkaConfig.bootstrapServers(), builder.bindAddress,
                        ports[3], builder.connectProperties))
                : null;
        this.postgres = builder.withPostgres
                ? new PostgresServer(dataDir.resolve("postgres"), builder.bindAddress, ports[5])
                : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts what is not running: PostgreSQL (when the stack has it), then Kafka (then the platform's
     * topics) and HiveMQ side by side, then the Connect worker (whose sinks may write to PostgreSQL); with an extension in HiveMQ (which may need Kafka from its first client
     * on), HiveMQ starts once Kafka and the topics are ready. Returns once all serve clients; on a
     * failure, stops what it started.
     *
     * @return this stack
     */
    public synchronized LocalStack start() {
        final long started = System.nanoTime();
        CompletableFuture<Void> mqttStart = withMqttExtension ? null : startMqtt();
        try {
            if (postgres != null) {
                postgres.start();
            }
            kafka.start();
            PlatformTopics.create(kafka.bootstrapServers(), topics, TOPIC_TIMEOUT);
            if (mqttStart == null) {
                mqttStart = startMqtt();
            }
            if (connect != null) {
                connect.start();
            }
            mqttStart.join();
        } catch (RuntimeException e) {
            final RuntimeException failure = e instanceof CompletionException && e.getCause() instanceof RuntimeException
                    ? (RuntimeException) e.getCause() : e;
            if (mqttStart != null) {
                mqttStart.exceptionally(ignored -> null).join();
            }
            stop();
            throw failure;
        }
        LOG.info("Local stack ready in {} ms: Kafka {}, MQTT {}, Connect {}, PostgreSQL {}, data in {}",
                (System.nanoTime() - started) / 1_000_000, bootstrapServers(), mqttUri(),
                connect != null ? connectUrl() : "off", postgres != null ? postgres.jdbcUrl() : "off", dataDir);
        return this;
    }

    private CompletableFuture<Void> startMqtt() {
        return CompletableFuture.runAsync(mqtt::start, task -> new Thread(task, "local-stack-mqtt-start").start());
    }

    /** Stops Connect, HiveMQ, Kafka and PostgreSQL, in that order; data and ports stay for the next {@link #start()}. */
    public synchronized void stop() {
        if (connect != null) {
            connect.stop();
        }
        mqtt.stop();
        kafka.stop();
        if (postgres != null) {
            postgres.stop();
        }
    }

    /** Stops the stack and deletes its data folder when the stack created it. */
    @Override
    public synchronized void close() {
        stop();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    /** True while every component of the stack runs. */
    public synchronized boolean isRunning() {
        return kafka.isRunning() && mqtt.isRunning() && (connect == null || connect.isRunning())
                && (postgres == null || postgres.isRunning());
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String mqttUri() {
        return mqtt.uri();
    }

    /**
     * {@code ssl://host:port} of HiveMQ's TLS listener.
     *
     * @throws IllegalStateException when the stack was built without one ({@link Builder#mqttTls})
     */
    public String mqttTlsUri() {
        return mqtt.tlsUri();
    }

    @Override
    public String connectUrl() {
        return connect().orElseThrow(() -> new IllegalStateException("this stack runs no Connect worker")).url();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public MqttBroker mqtt() {
        return mqtt;
    }

    /** The Connect worker, unless the stack was built without one. */
    public Optional<ConnectWorker> connect() {
        return Optional.ofNullable(connect);
    }

    /** The history database's server, when the stack was built {@link Builder#withPostgres with} one. */
    public Optional<PostgresServer> postgres() {
        return Optional.ofNullable(postgres);
    }

    public Path dataDir() {
        return dataDir;
    }

    private static void deleteRecursively(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the stack's data folder {}: {}", dir, e.toString());
        }
    }

    /** Settings of a {@link LocalStack}; every one has a default. */
    public static final class Builder {

        private Path dataDir;
        private String bindAddress = "127.0.0.1";
        private String advertisedHost;
        private int kafkaPort;
        private int controllerPort;
        private int mqttPort;
        private int connectPort;
        private MqttPersistence mqttPersistence = MqttPersistence.FILE;
        private boolean withConnect = true;
        private boolean withPostgres;
        private int postgresPort;
        private long mqttMaxQueuedMessages = MqttBrokerConfig.DEFAULT_MAX_QUEUED_MESSAGES;
        private int mqttServerReceiveMaximum = MqttBrokerConfig.DEFAULT_SERVER_RECEIVE_MAXIMUM;
        private int mqttOutgoingWindow = MqttBrokerConfig.DEFAULT_OUTGOING_WINDOW;
        private MqttLimits mqttLimits = MqttLimits.defaults();
        private Function<String, List<EmbeddedExtension>> mqttExtensions;
        private MqttTls mqttTls;
        private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
        private final Map<String, String> connectProperties = new LinkedHashMap<>();
        private List<TopicSpec> topics = KafkaTopics.all();

        private Builder() {
        }

        /**
         * The folder of the stack's data; a folder used before keeps its Kafka records and HiveMQ
         * sessions. Default: a new temporary folder, deleted by {@link LocalStack#close()}.
         */
        public Builder dataDir(final Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Address every listener binds to except Kafka's controller (always loopback). Default {@code 127.0.0.1}. */
        public Builder bindAddress(final String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Host Kafka tells its clients to connect to. Default: the bind address, or loopback for a wildcard. */
        public Builder advertisedHost(final String host) {
            this.advertisedHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Kafka's client port; 0 (the default) = a free port. */
        public Builder kafkaPort(final int port) {
            this.kafkaPort = Ports.check(port);
            return this;
        }

        /** Kafka's KRaft controller port on loopback; 0 (the default) = a free port. */
        public Builder kafkaControllerPort(final int port) {
            this.controllerPort = Ports.check(port);
            return this;
        }

        /** The MQTT port; 0 (the default) = a free port. */
        public Builder mqttPort(final int port) {
            this.mqttPort = Ports.check(port);
            return this;
        }

        /** The Connect REST port; 0 (the default) = a free port. */
        public Builder connectPort(final int port) {
            this.connectPort = Ports.check(port);
            return this;
        }

        /** HiveMQ's persistence. Default {@link MqttPersistence#FILE}; tests use {@link MqttPersistence#IN_MEMORY}. */
        public Builder mqttPersistence(final MqttPersistence persistence) {
            this.mqttPersistence = Objects.requireNonNull(persistence, "persistence");
            return this;
        }

        /** Whether to run a Connect worker. Default true. */
        public Builder withConnect(final boolean enabled) {
            this.withConnect = enabled;
            return this;
        }

        /**
         * Whether to run the PostgreSQL server of the platform's history (data in {@code postgres/} of
         * the data folder, kept across restarts). Default false.
         */
        public Builder withPostgres(final boolean enabled) {
            this.withPostgres = enabled;
            return this;
        }

        /** PostgreSQL's port, when {@link #withPostgres}; 0 (the default) = a free port. */
        public Builder postgresPort(final int port) {
            this.postgresPort = Ports.check(port);
            return this;
        }

        /** Messages HiveMQ queues per client before it discards. Default {@value MqttBrokerConfig#DEFAULT_MAX_QUEUED_MESSAGES}. */
        public Builder mqttMaxQueuedMessages(final long messages) {
            this.mqttMaxQueuedMessages = messages;
            return this;
        }

        /** HiveMQ's server receive maximum. Default {@value MqttBrokerConfig#DEFAULT_SERVER_RECEIVE_MAXIMUM}. */
        public Builder mqttServerReceiveMaximum(final int receiveMaximum) {
            this.mqttServerReceiveMaximum = receiveMaximum;
            return this;
        }

        /**
         * QoS 1 and 2 messages HiveMQ sends one subscriber before it waits for acknowledgements.
         * Default {@value MqttBrokerConfig#DEFAULT_OUTGOING_WINDOW} (HiveMQ CE's own: 50).
         */
        public Builder mqttOutgoingWindow(final int window) {
            this.mqttOutgoingWindow = window;
            return this;
        }

        /** The largest packet, topic and client id a client may send HiveMQ. Default {@link MqttLimits#defaults()}. */
        public Builder mqttLimits(final MqttLimits limits) {
            this.mqttLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * An extension for HiveMQ, embedded (on this JVM's classpath): the function makes it for each
         * start of the broker, given Kafka's bootstrap servers. Default: none.
         */
        public Builder mqttExtension(final Function<String, EmbeddedExtension> extension) {
            Objects.requireNonNull(extension, "extension");
            this.mqttExtensions = bootstrap -> List.of(extension.apply(bootstrap));
            return this;
        }

        /**
         * Extensions for HiveMQ, embedded together (e.g. the security extension and the Kafka bridge; see
         * {@link MqttBroker} for how they share the broker): the function makes them for each start of the
         * broker, given Kafka's bootstrap servers. Replaces {@link #mqttExtension}. Default: none.
         */
        public Builder mqttExtensions(final Function<String, List<EmbeddedExtension>> extensions) {
            this.mqttExtensions = Objects.requireNonNull(extensions, "extensions");
            return this;
        }

        /**
         * An MQTT over TLS listener beside the plain one; its port 0 (as in tests) = a free port chosen
         * at {@code build()}. Default: none.
         */
        public Builder mqttTls(final MqttTls tls) {
            this.mqttTls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** A broker property that replaces the stack's default or adds to it. */
        public Builder kafkaProperty(final String name, final String value) {
            kafkaProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A Connect worker property that replaces the stack's default or adds to it. */
        public Builder connectProperty(final String name, final String value) {
            connectProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The topics to create at start. Default: the platform's, {@link KafkaTopics#all()}. */
        public Builder topics(final List<TopicSpec> specs) {
            this.topics = List.copyOf(specs);
            return this;
        }

        /** Chooses the free ports and builds the stack; nothing runs before {@link LocalStack#start()}. */
        public LocalStack build() {
            if (dataDir != null) {
                return new LocalStack(this, dataDir.toAbsolutePath(), false);
            }
            try {
                return new LocalStack(this, Files.createTempDirectory("local-stack-"), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data folder for the stack", e);
            }
        }
    }
}
