package dev.pdm.iiot.platform.cluster;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.history.HistorySchema;
import dev.pdm.iiot.localstack.Ports;
import dev.pdm.iiot.localstack.connect.ConnectClient;
import dev.pdm.iiot.localstack.connect.ConnectNodeMain;
import dev.pdm.iiot.localstack.kafka.KafkaCluster;
import dev.pdm.iiot.localstack.kafka.KafkaClusterConfig;
import dev.pdm.iiot.localstack.kafka.PlatformTopics;
import dev.pdm.iiot.localstack.postgres.PostgresServer;
import dev.pdm.iiot.localstack.process.NodeProcess;
import dev.pdm.iiot.platform.PlatformConnectors;
import dev.pdm.iiot.platform.apps.AppProcess;
import dev.pdm.iiot.platform.apps.PlatformApps;
import dev.pdm.iiot.platform.security.PlatformSecrets;
import dev.pdm.iiot.platform.security.PlatformSecurity;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * The platform as a cluster of processes on one machine, each part a JVM of its own so that a
 * SIGKILL is a real crash: Kafka nodes (KRaft, every topic at replication factor 3 with
 * {@code min.insync.replicas} 2), HiveMQ CE nodes with the security extension and the Kafka bridge,
 * one Kafka Connect worker with an alert sink per MQTT node and the history sinks, detector
 * instances of one Kafka Streams application (exactly once, internal topics replicated 3 times),
 * the dashboard and the notifier; PostgreSQL for the history (a process of its own as well).
 *
 * <p>{@link #kill(Part)} crashes one part, {@link #restart(Part)} starts it again on its data and
 * ports and waits until it serves. The cluster's data folder must be new: Kafka nodes get a new
 * cluster id at every start.
 */
public final class PlatformCluster implements AutoCloseable {

    /** What a part of the cluster is. */
    public enum Kind { KAFKA, MQTT, DETECTOR, CONNECT, DASHBOARD, NOTIFIER }

    /** One part: a kind and its number (from 1; the single Connect worker, dashboard and notifier are 1). */
    public record Part(Kind kind, int number) {
        public String name() {
            return switch (kind) {
                case KAFKA -> "kafka-" + number;
                case MQTT -> "mqtt-" + number;
                case DETECTOR -> "detector-" + number;
                case CONNECT -> "connect";
                case DASHBOARD -> "dashboard";
                case NOTIFIER -> "notifier";
            };
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The detectors' Kafka Streams application. */
    public static final String DETECTOR_APPLICATION = "streams-detector";
    /** The MQTT account that receives alerts on every node. */
    public static final String ALERT_CONSUMER = "cluster-alerts";
    /** The people's account that reads the detectors' and the dashboard's state. */
    public static final String OBSERVER = "cluster-observer";
    /** How long a part may take to start and serve. */
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private static final Logger LOG = LoggerFactory.getLogger(PlatformCluster.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterSettings settings;
    private final PlatformSecrets secrets;
    private final String alertConsumerPassword;
    private final String observerPassword;
    private final KafkaCluster kafka;
    private final PostgresServer postgres;
    private final List<NodeProcess> mqttNodes = new ArrayList<>();
    private final List<String> mqttUris = new ArrayList<>();
    private final NodeProcess connect;
    private final String connectUrl;
    private final List<AppProcess> detectors = new ArrayList<>();
    private final List<PlatformApps.Where> detectorPlaces = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PlatformApps.Where dashboardPlace;
    private final PlatformApps.Where notifierPlace;
    private AppProcess dashboard;
    private AppProcess notifier;
    private PlatformConnectors.Database database;

    private PlatformCluster(final ClusterSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        final Path dir = settings.dataDir();
        this.secrets = PlatformSecurity.prepare(dir.resolve("security"));
        this.alertConsumerPassword = PlatformSecurity.servicePassword(secrets.devicesFile(), ALERT_CONSUMER, Set.of("alert-consumer"));
        this.observerPassword = PlatformSecurity.servicePassword(secrets.peopleFile(), OBSERVER, Set.of("viewer"));
        this.kafka = new KafkaCluster(KafkaClusterConfig.of(dir.resolve("kafka"), settings.kafkaNodes(), Map.of()),
                KafkaCluster.DEFAULT_JVM_OPTIONS);
        this.postgres = new PostgresServer(dir.resolve("postgres"), "127.0.0.1", Ports.resolve(0));
        for (int number = 1; number <= settings.mqttNodes(); number++) {
            final int port = Ports.resolve(settings.mqttPort(number));
            final String name = new Part(Kind.MQTT, number).name();
            mqttUris.add("tcp://127.0.0.1:" + port);
            mqttNodes.add(new NodeProcess(name, MqttNodeMain.class.getName(),
                    MqttNodeMain.args(new MqttNodeMain.Options(dir.resolve(name), port, kafka.bootstrapServers(),
                            secrets.devicesFile())),
                    List.of("-Xmx384m", "-XX:+UseSerialGC"), settings.logDir().resolve(name + ".log"),
                    dir.resolve(name + ".ready")));
        }
        final int connectPort = Ports.resolve(0);
        this.connectUrl = "http://127.0.0.1:" + connectPort;
        final Map<String, String> worker = new LinkedHashMap<>();
        worker.put("plugin.path", settings.connectPluginsDir().toAbsolutePath().normalize().toString());
        final String replicas = Integer.toString(Math.min(3, settings.kafkaNodes()));
        worker.put("config.storage.replication.factor", replicas);
        worker.put("offset.storage.replication.factor", replicas);
        worker.put("status.storage.replication.factor", replicas);
        this.connect = new NodeProcess("connect", ConnectNodeMain.class.getName(),
                ConnectNodeMain.args(kafka.bootstrapServers(), connectPort, worker), List.of("-Xmx512m"),
                settings.logDir().resolve("connect.log"), dir.resolve("connect.ready"));
        for (int number = 1; number <= settings.detectors(); number++) {
            final int[] ports = Ports.resolve(number == 1 ? settings.detectorPort() : 0, 0);
            detectorPlaces.add(place(new Part(Kind.DETECTOR, number).name(), ports[0], ports[1]));
        }
        final int[] dashboardPorts = Ports.resolve(settings.dashboardPort(), 0);
        this.dashboardPlace = place("dashboard", dashboardPorts[0], dashboardPorts[1]);
        final int[] notifierPorts = Ports.resolve(settings.notifierPort(), 0);
        this.notifierPlace = place("notifier", notifierPorts[0], notifierPorts[1]);
    }

    /** Starts every part; returns once all serve. On a failure, stops what it started. */
    public static PlatformCluster start(final ClusterSettings settings) {
        final Path plugins = settings.connectPluginsDir().toAbsolutePath().normalize();
        if (!Files.isDirectory(plugins)) {
            throw new IllegalStateException("Debezium's JDBC sink connector is not in " + plugins
                    + ": build the platform with mvn package first");
        }
        final PlatformCluster cluster = new PlatformCluster(settings);
        try {
            cluster.startAll();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() {
        final long started = System.nanoTime();
        final CompletableFuture<Void> database = CompletableFuture.runAsync(() -> {
            postgres.start();
            HistorySchema.migrate(postgres.dataSource());
        });
        kafka.start();
        PlatformTopics.create(kafka.admin(), KafkaTopics.all(), TOPIC_TIMEOUT);
        mqttNodes.forEach(NodeProcess::start);
        connect.start();
        database.join();
        this.database = new PlatformConnectors.Database(postgres.jdbcUrl(), postgres.user(), postgres.password());
        for (int number = 1; number <= settings.detectors(); number++) {
            detectors.add(detector(number).start());
        }
        dashboard = PlatformApps.dashboard(dashboardPlace, kafka.bootstrapServers(), secrets, this.database,
                detectorPlaces).start();
        notifier = PlatformApps.notifier(notifierPlace, kafka.bootstrapServers(), secrets, this.database,
                dashboardPlace.url(), settings.dataDir().resolve("notifier.properties")).start();
        mqttNodes.forEach(node -> node.awaitReady(READY_TIMEOUT));
        connect.awaitReady(READY_TIMEOUT);
        registerConnectors();
        final List<CompletableFuture<Void>> apps = new ArrayList<>();
        detectors.forEach(detector -> apps.add(CompletableFuture.runAsync(() -> detector.awaitReady(READY_TIMEOUT))));
        apps.add(CompletableFuture.runAsync(() -> dashboard.awaitReady(READY_TIMEOUT)));
        apps.add(CompletableFuture.runAsync(() -> notifier.awaitReady(READY_TIMEOUT)));
        CompletableFuture.allOf(apps.toArray(CompletableFuture[]::new)).join();
        LOG.info("cluster ready in {} s: Kafka {}, MQTT {}, Connect {}, {} detector(s) from {}, dashboard {}, data in {}",
                (System.nanoTime() - started) / 1_000_000_000, kafka.bootstrapServers(), mqttUris, connectUrl,
                detectors.size(), detectorPlaces.get(0).url(), dashboardPlace.url(), settings.dataDir());
    }

    /** The alert sink once per MQTT node, then the history sinks; waits until all run. */
    private void registerConnectors() {
        final ConnectClient client = new ConnectClient(connectUrl);
        final PlatformConnectors.MqttAccount account = new PlatformConnectors.MqttAccount(PlatformSecurity.CONNECT,
                secrets.connectPassword());
        for (int number = 1; number <= mqttNodes.size(); number++) {
            PlatformConnectors.registerAlertSink(client, alertSinkName(number), mqttUris.get(number - 1), account,
                    READY_TIMEOUT);
        }
        PlatformConnectors.registerHistory(client, database, READY_TIMEOUT);
    }

    /** The name of the alert sink that publishes to MQTT node {@code number}. */
    public static String alertSinkName(final int number) {
        return "mqtt-alerts-" + number;
    }

    private AppProcess detector(final int number) {
        final Map<String, String> extra = new LinkedHashMap<>();
        extra.put("quarkus.kafka-streams.application-id", DETECTOR_APPLICATION);
        extra.put("detector.instance-id", DETECTOR_APPLICATION + "-" + number);
        extra.put("detector.create-topics", "false");
        extra.put("kafka-streams.replication.factor", Integer.toString(Math.min(3, settings.kafkaNodes())));
        extra.put("kafka-streams.num.stream.threads", "1");
        extra.put("kafka-streams.session.timeout.ms", Long.toString(settings.memberTimeout().toMillis()));
        extra.put("kafka-streams.heartbeat.interval.ms",
                Long.toString(Math.max(1_000, settings.memberTimeout().toMillis() / 4)));
        // rebalances, restoration and task moves in the detector's log
        extra.put("quarkus.log.category.\"org.apache.kafka.streams\".level", "INFO");
        return PlatformApps.detector(detectorPlaces.get(number - 1), kafka.bootstrapServers(), secrets,
                settings.dataDir().resolve("detector-" + number), extra);
    }

    private PlatformApps.Where place(final String name, final int port, final int managementPort) {
        return new PlatformApps.Where(name, settings.appsDir(), settings.appJvmOptions(), settings.logDir(), port,
                managementPort);
    }

    /** Every part of this kind, in order. */
    public List<Part> parts(final Kind kind) {
        final int count = switch (kind) {
            case KAFKA -> settings.kafkaNodes();
            case MQTT -> settings.mqttNodes();
            case DETECTOR -> settings.detectors();
            case CONNECT, DASHBOARD, NOTIFIER -> 1;
        };
        return IntStream.rangeClosed(1, count).mapToObj(number -> new Part(kind, number)).toList();
    }

    /** SIGKILL to the part; returns once its process is gone. */
    public void kill(final Part part) {
        switch (part.kind()) {
            case KAFKA -> kafka.kill(part.number());
            case MQTT -> mqttNodes.get(part.number() - 1).kill();
            case CONNECT -> connect.kill();
            case DETECTOR, DASHBOARD, NOTIFIER -> app(part).kill();
        }
    }

    /** Starts the part again on its data and ports; returns once it serves. */
    public void restart(final Part part) {
        start(part);
        awaitReady(part);
    }

    /** Starts the part again on its data and ports, without waiting for it to serve. */
    public void start(final Part part) {
        switch (part.kind()) {
            case KAFKA -> kafka.start(part.number());
            case MQTT -> mqttNodes.get(part.number() - 1).start();
            case CONNECT -> connect.start();
            case DETECTOR, DASHBOARD, NOTIFIER -> app(part).start();
        }
    }

    /** Waits until the part serves (a Kafka node is waited for by {@link #start(Part)}). */
    public void awaitReady(final Part part) {
        switch (part.kind()) {
            case KAFKA -> {
                // KafkaCluster#start(int) returns once the broker is registered
            }
            case MQTT -> mqttNodes.get(part.number() - 1).awaitReady(READY_TIMEOUT);
            case CONNECT -> connect.awaitReady(READY_TIMEOUT);
            case DETECTOR, DASHBOARD, NOTIFIER -> app(part).awaitReady(READY_TIMEOUT);
        }
    }

    /** Whether the part's process runs. */
    public boolean isRunning(final Part part) {
        return switch (part.kind()) {
            case KAFKA -> kafka.isRunning(part.number());
            case MQTT -> mqttNodes.get(part.number() - 1).isAlive();
            case CONNECT -> connect.isAlive();
            case DETECTOR, DASHBOARD, NOTIFIER -> app(part).isAlive();
        };
    }

    private AppProcess app(final Part part) {
        return switch (part.kind()) {
            case DETECTOR -> detectors.get(part.number() - 1);
            case DASHBOARD -> dashboard;
            case NOTIFIER -> notifier;
            default -> throw new IllegalArgumentException(part + " is not an app");
        };
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** An Admin client of the Kafka cluster, owned by it. */
    public Admin admin() {
        return kafka.admin();
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    /** Every MQTT node's {@code tcp://} URI, in order. */
    public List<String> mqttUris() {
        return List.copyOf(mqttUris);
    }

    public String connectUrl() {
        return connectUrl;
    }

    /** The interactive-query REST API of detector {@code number} (from 1), e.g. {@code http://localhost:8081/}. */
    public String detectorUrl(final int number) {
        return detectorPlaces.get(number - 1).url();
    }

    public String dashboardUrl() {
        return dashboardPlace.url();
    }

    public String notifierUrl() {
        return notifierPlace.url();
    }

    /** The accounts and certificates (the simulator's and the Connect worker's passwords among them). */
    public PlatformSecrets secrets() {
        return secrets;
    }

    /** The password of {@value #ALERT_CONSUMER}, an MQTT account that may subscribe to the alerts. */
    public String alertConsumerPassword() {
        return alertConsumerPassword;
    }

    /** The password of {@value #OBSERVER}, a viewer of the web apps. */
    public String observerPassword() {
        return observerPassword;
    }

    public PlatformConnectors.Database database() {
        return database;
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Stops the apps, then Connect, the MQTT nodes, Kafka and PostgreSQL; keeps the data. Once: later calls return. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        final List<CompletableFuture<Void>> apps = new ArrayList<>();
        for (final AppProcess app : allApps()) {
            apps.add(CompletableFuture.runAsync(() -> app.stop(STOP_GRACE)));
        }
        CompletableFuture.allOf(apps.toArray(CompletableFuture[]::new)).join();
        connect.stop(STOP_GRACE);
        mqttNodes.forEach(node -> node.stop(STOP_GRACE));
        kafka.close();
        postgres.stop();
        LOG.info("cluster stopped; data kept in {}", settings.dataDir());
    }

    private List<AppProcess> allApps() {
        final List<AppProcess> apps = new ArrayList<>(detectors);
        if (dashboard != null) {
            apps.add(dashboard);
        }
        if (notifier != null) {
            apps.add(notifier);
        }
        return apps;
    }
}
