package dev.pdm.iiot.platform;

import dev.pdm.iiot.hivemq.bridge.EmbeddedBridge;
import dev.pdm.iiot.hivemq.bridge.KafkaBridgeMain;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.hivemq.security.EmbeddedSecurity;
import dev.pdm.iiot.hivemq.security.SecurityMain;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.history.HistorySchema;
import dev.pdm.iiot.history.RetentionJob;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.connect.ConnectClient;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.localstack.mqtt.MqttTls;
import dev.pdm.iiot.localstack.postgres.PostgresServer;
import dev.pdm.iiot.platform.apps.AppProcess;
import dev.pdm.iiot.platform.apps.PlatformApps;
import dev.pdm.iiot.platform.security.PlatformSecrets;
import dev.pdm.iiot.platform.security.PlatformSecurity;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.core.TelemetryGenerator;
import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.FaultType;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import dev.pdm.iiot.simulator.mqtt.MqttPublisher;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.mqtt.PublishStats;
import dev.pdm.iiot.simulator.output.LabelWriter;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hivemq.embedded.EmbeddedExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The whole platform without Docker: Kafka, HiveMQ CE with the security and Kafka bridge extensions,
 * a Connect worker with the alert sink and the history sinks, and the history database (a real
 * PostgreSQL, its schema migrated at every start, rolled up and pruned by {@link RetentionJob}) in
 * this JVM (local-stack); the detector, the dashboard and the notifier as processes of their own,
 * and a simulated plant publishing over MQTT. Its data stays in the data folder, so a second start
 * resumes: the same topics and records, the MQTT sessions, the detector's trained models (from its
 * state folder and its changelog topics), the history, the accounts and certificates
 * ({@link PlatformSecurity}).
 *
 * <p>Every MQTT client and every person authenticates: MQTT on the plain and the TLS port checks the
 * credentials file of devices, the apps the users file of people. Kafka and PostgreSQL stay on
 * loopback without authentication: only processes of this machine reach them.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration APP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration APP_STOP_GRACE = Duration.ofSeconds(30);

    private final PlatformSettings settings;
    private final PlantConfig plant;
    private final AtomicReference<EmbeddedBridge> bridge = new AtomicReference<>();
    private final AtomicReference<EmbeddedSecurity> security = new AtomicReference<>();
    private PlatformSecrets secrets;
    private LocalStack stack;
    private AppProcess detector;
    private AppProcess dashboard;
    private AppProcess notifier;
    private RetentionJob retention;
    private PlatformConnectors.Database database;
    private Simulation simulation;
    private LabelWriter labels;
    private PublishStats publishStats;

    private Platform(final PlatformSettings settings, final PlantConfig plant) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.plant = plant;
    }

    /** Starts the platform with the plant its settings describe (none when they ask for 0 machines). */
    public static Platform start(final PlatformSettings settings) {
        return start(settings, settings.machines() == 0 ? null : plantOf(settings));
    }

    /** Starts the platform with a plant of the caller's (null: no simulator). */
    public static Platform start(final PlatformSettings settings, final PlantConfig plant) {
        final Platform platform = new Platform(settings, plant);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** The simulated plant of the settings: random fault episodes on every machine, none degrading for ever. */
    public static PlantConfig plantOf(final PlatformSettings settings) {
        final RandomFaults faults = new RandomFaults(settings.faultsPerHour(), FaultType.randomTypes(),
                settings.faultDuration().get(0), settings.faultDuration().get(1));
        return new PlantConfig(MachineIds.first(settings.machines()), settings.interval(), settings.seed(),
                new FaultPlan(List.of(), faults, Degradation.NONE), ReadingFormat.DEFAULT);
    }

    private void startAll() {
        final long started = System.nanoTime();
        final Path plugins = settings.connectPluginsDir().toAbsolutePath().normalize();
        if (!Files.isDirectory(plugins)) {
            throw new IllegalStateException("Debezium's JDBC sink connector, which writes the history into PostgreSQL, "
                    + "is not in " + plugins + ": build the platform with mvn package (./run does), or give --apps-dir "
                    + "the source tree's root");
        }
        secrets = PlatformSecurity.prepare(settings.securityDir());
        final SecurityConfig mqttSecurity = SecurityConfig.defaults(secrets.devicesFile().toAbsolutePath())
                .withClientCertificates(true)
                .withAnonymousReadings(settings.anonymousReadings());
        final LocalStack.Builder builder = LocalStack.builder()
                .dataDir(settings.localStackDir())
                .kafkaPort(settings.kafkaPort())
                .kafkaControllerPort(settings.controllerPort())
                .mqttPort(settings.mqttPort())
                .mqttTls(MqttTls.of(settings.mqttTlsPort(), secrets.tls().keystore(), secrets.tls().keystorePassword())
                        .withClientCertificates(secrets.tls().truststore(), secrets.tls().truststorePassword()))
                .connectPort(settings.connectPort())
                .connectProperty("plugin.path", plugins.toString())
                .withPostgres(true)
                .postgresPort(settings.postgresPort())
                .mqttPersistence(MqttPersistence.FILE)
                .mqttExtensions(bootstrapServers -> {
                    final List<EmbeddedExtension> extensions = new ArrayList<>();
                    final EmbeddedSecurity guard = EmbeddedSecurity.of(mqttSecurity);
                    security.set(guard);
                    extensions.add(guard.extension());
                    if (settings.bridge() == Bridge.HIVEMQ) {
                        final EmbeddedBridge made = EmbeddedBridge.of(BridgeConfig.defaults(bootstrapServers));
                        bridge.set(made);
                        extensions.add(made.extension());
                    }
                    return extensions;
                });
        stack = builder.build().start();
        final SecurityMain guard = security.get().main();
        if (!guard.isRunning() || guard.failure().isPresent()) {
            throw new IllegalStateException("HiveMQ started without its security extension ("
                    + guard.failure().orElse("see the log above") + "): it would refuse every client");
        }
        if (settings.bridge() == Bridge.HIVEMQ && !bridge.get().main().isRunning()) {
            throw new IllegalStateException("HiveMQ started without its Kafka bridge (see the log above): it would "
                    + "acknowledge readings that never reach Kafka");
        }
        final PostgresServer postgres = stack.postgres().orElseThrow();
        database = new PlatformConnectors.Database(postgres.jdbcUrl(), postgres.user(), postgres.password());
        final String schema = HistorySchema.migrate(postgres.dataSource());
        LOG.info("history database {} at schema version {}", database.jdbcUrl(), schema);
        retention = new RetentionJob(postgres.dataSource(), RetentionJob.Settings.defaults()).start();
        final ConnectClient connect = new ConnectClient(stack.connectUrl());
        PlatformConnectors.register(connect, stack.mqttUri(),
                new PlatformConnectors.MqttAccount(PlatformSecurity.CONNECT, secrets.connectPassword()),
                settings.bridge(), CONNECTOR_TIMEOUT);
        PlatformConnectors.registerHistory(connect, database, CONNECTOR_TIMEOUT);
        LOG.info(settings.bridge() == Bridge.HIVEMQ
                ? "readings into Kafka by HiveMQ's Kafka bridge; the alert sink running on the Connect worker"
                : "readings into Kafka by the MQTT source connector; it and the alert sink running on the Connect worker");

        if (settings.withApps()) {
            detector = PlatformApps.detector(settings, stack.bootstrapServers(), secrets).start();
            dashboard = PlatformApps.dashboard(settings, stack.bootstrapServers(), secrets, database).start();
            notifier = PlatformApps.notifier(settings, stack.bootstrapServers(), secrets, database).start();
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> detector.awaitReady(APP_TIMEOUT)),
                    CompletableFuture.runAsync(() -> dashboard.awaitReady(APP_TIMEOUT)),
                    CompletableFuture.runAsync(() -> notifier.awaitReady(APP_TIMEOUT))).join();
        }

        if (plant != null) {
            startSimulator();
        }
        LOG.info("platform ready in {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    private void startSimulator() {
        labels = LabelWriter.toFile(settings.dataDir().resolve("labels")
                .resolve("run-" + Instant.now().getEpochSecond() + ".jsonl"));
        publishStats = new PublishStats();
        final MqttPublisher publisher;
        try {
            publisher = MqttPublisher.connect(MqttSettings.defaults(stack.mqttUri())
                    .withClientIdPrefix("platform-simulator")
                    .withCredentials(PlatformSecurity.SIMULATOR, secrets.simulatorPassword()), publishStats);
        } catch (MqttException e) {
            throw new IllegalStateException("the simulator cannot connect to " + stack.mqttUri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the simulator connected", e);
        }
        simulation = Simulation.builder()
                .source(new TelemetryGenerator(plant, labels))
                .sink(publisher)
                .build()
                .start();
        LOG.info("simulating {} machines every {} (seed {}), fault labels in {}", plant.machineCount(),
                plant.interval(), plant.seed(), settings.dataDir().resolve("labels"));
    }

    public PlatformSettings settings() {
        return settings;
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public String mqttUri() {
        return stack.mqttUri();
    }

    /** {@code ssl://host:port}: MQTT over TLS with the development CA of {@link #secrets()}. */
    public String mqttTlsUri() {
        return stack.mqttTlsUri();
    }

    /** This start's accounts, certificates and service passwords. */
    public PlatformSecrets secrets() {
        return secrets;
    }

    /** The MQTT security extension in the broker's current run: its refusals. */
    public SecurityMain mqttSecurity() {
        return security.get().main();
    }

    public String connectUrl() {
        return stack.connectUrl();
    }

    /** The bridge in the broker's current run, unless the platform bridges through Connect. */
    public Optional<KafkaBridgeMain> bridge() {
        final EmbeddedBridge current = bridge.get();
        return current == null ? Optional.empty() : Optional.of(current.main());
    }

    public Optional<PublishStats> publishStats() {
        return Optional.ofNullable(publishStats);
    }

    /** The detector process, e.g. to stop and start it again in a test. */
    public AppProcess detector() {
        return detector;
    }

    public AppProcess dashboard() {
        return dashboard;
    }

    public AppProcess notifier() {
        return notifier;
    }

    /** The history database: its JDBC URL and user (loopback, no password). */
    public PlatformConnectors.Database database() {
        return database;
    }

    /** A data source on the history database while the platform runs. */
    public DataSource historyDataSource() {
        return stack.postgres().orElseThrow().dataSource();
    }

    /** Stops everything in reverse order and keeps the data folder. Safe to call more than once. */
    @Override
    public synchronized void close() {
        final long started = System.nanoTime();
        if (simulation != null) {
            simulation.stop();
            simulation = null;
        }
        if (labels != null) {
            labels.close();
            labels = null;
        }
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> stopApp(notifier)),
                CompletableFuture.runAsync(() -> stopApp(dashboard)),
                CompletableFuture.runAsync(() -> stopApp(detector))).join();
        if (retention != null) {
            retention.close();
            retention = null;
        }
        if (stack != null) {
            stack.stop();
            stack = null;
        }
        LOG.info("platform stopped in {} ms; data kept in {}", (System.nanoTime() - started) / 1_000_000,
                dataDir());
    }

    private static void stopApp(final AppProcess app) {
        if (app != null) {
            app.stop(APP_STOP_GRACE);
        }
    }

    private Path dataDir() {
        return settings.dataDir().toAbsolutePath().normalize();
    }
}
