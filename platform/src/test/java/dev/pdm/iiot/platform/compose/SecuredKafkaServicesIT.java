package dev.pdm.iiot.platform.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.localstack.Ports;
import dev.pdm.iiot.localstack.connect.ConnectClient;
import dev.pdm.iiot.platform.apps.AppProcess;
import dev.pdm.iiot.platform.apps.PlatformApps;
import dev.pdm.iiot.platform.security.ComposeSecrets;
import dev.pdm.iiot.platform.security.PlatformSecurity;
import dev.pdm.iiot.security.credentials.Credential;
import dev.pdm.iiot.security.credentials.Credentials;
import dev.pdm.iiot.security.credentials.CredentialsFile;
import dev.pdm.iiot.security.credentials.PasswordHash;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ClassicGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real services of docker compose under its Kafka security (deploy/kafka/acls.conf, SASL/SCRAM,
 * one principal each), on one in-process broker ({@link SecuredKafka}, as KafkaAclsIT uses it):
 * <ul>
 *   <li>the detector, its packaged app as a process, with the Kafka settings of compose's
 *       detector.env in its environment: it trains on readings the bridge principal wrote, writes
 *       the machine's status (exactly-once: its transactional ids, internal topics and group) and
 *       answers for the machine;</li>
 *   <li>the dashboard, likewise as the principal dashboard: its consumers read the status;</li>
 *   <li>the notifier, likewise as the principal notifier, on PostgreSQL as compose's role pdm_notifier
 *       ({@link ComposeDatabase}): it joins its consumer group on the alerts and migrates its schema;</li>
 *   <li>the Kafka Connect worker, started from deploy/connect/worker.properties as
 *       {@code connect-distributed.sh} starts it, its password read by the EnvVarConfigProvider from
 *       its environment: it joins its group and keeps its state in its connect-* topics. That needs a
 *       process of its own, since a JVM cannot set its own environment (the in-process
 *       local-stack worker cannot be given {@code PDM_KAFKA_PASSWORD}).</li>
 * </ul>
 * The apps are built first: {@code mvn -B package -pl streams-detector,dashboard-quarkus,notifier -DskipTests}.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SecuredKafkaServicesIT {

    private static final String MACHINE = "SECURED_001";
    private static final int READINGS = 40;
    private static final String VIEWER = "viewer";
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration PIPELINE = Duration.ofMinutes(2);
    private static final Path APPS = Path.of("..");
    private static final Path LOGS = Path.of("target", "secured-kafka-services");
    private static final List<String> JVM = List.of("-Xmx384m");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The notifier's consumer group (notifier/src/main/resources/application.properties). */
    private static final String NOTIFIER_GROUP = "iiot-pdm-notifier";

    @TempDir
    static Path dir;
    private static SecuredKafka kafka;
    private static AppProcess detector;
    private static AppProcess dashboard;
    private static AppProcess notifier;
    private static ComposeDatabase database;
    private static int notifierPort;
    private static Process connect;
    private static String viewer;
    private static int detectorPort;
    private static int dashboardPort;
    private static int connectPort;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    static void startTheServicesOnTheSecuredBroker() throws Exception {
        kafka = SecuredKafka.start(dir.resolve("kafka"));
        final int[] ports = Ports.resolve(0, 0, 0, 0, 0, 0, 0);
        detectorPort = ports[0];
        dashboardPort = ports[2];
        connectPort = ports[4];
        Files.createDirectories(LOGS);
        for (final String log : List.of("streams-detector.log", "dashboard-quarkus.log", "notifier.log", "connect.log")) {
            Files.deleteIfExists(LOGS.resolve(log));
        }

        viewer = UUID.randomUUID().toString();
        final String dashboardOnDetector = UUID.randomUUID().toString();
        final Path users = dir.resolve("users");
        CredentialsFile.write(users, Credentials.of(List.of(
                account(VIEWER, Set.of("viewer"), viewer),
                account(PlatformSecurity.DASHBOARD, Set.of("delegate", "operator"), dashboardOnDetector))));

        final Map<String, String> detectorProperties = new LinkedHashMap<>();
        detectorProperties.put("quarkus.http.port", Integer.toString(detectorPort));
        detectorProperties.put("quarkus.management.port", Integer.toString(ports[1]));
        detectorProperties.put("detector.state-dir", dir.resolve("detector-state").toAbsolutePath().toString());
        detectorProperties.put("detector.advertised-host", "localhost");
        detectorProperties.put("pdm.security.users-file", users.toAbsolutePath().toString());
        detector = new AppProcess("streams-detector", runJar("streams-detector"), JVM, detectorProperties,
                kafka.quarkusEnvironment("detector"), LOGS.resolve("streams-detector.log"),
                URI.create("http://localhost:" + ports[1] + "/q/health/ready"));

        final Map<String, String> dashboardProperties = new LinkedHashMap<>();
        dashboardProperties.put("quarkus.http.port", Integer.toString(dashboardPort));
        dashboardProperties.put("quarkus.management.port", Integer.toString(ports[3]));
        dashboardProperties.put("dashboard.detector.url", "http://localhost:" + detectorPort);
        dashboardProperties.put("dashboard.detector.health-url", "http://localhost:" + ports[1] + "/q/health/ready");
        dashboardProperties.put("dashboard.detector.username", PlatformSecurity.DASHBOARD);
        dashboardProperties.put("pdm.security.users-file", users.toAbsolutePath().toString());
        final Map<String, String> dashboardEnvironment = new HashMap<>(kafka.quarkusEnvironment("dashboard"));
        dashboardEnvironment.put("DASHBOARD_DETECTOR_PASSWORD", dashboardOnDetector);
        dashboardEnvironment.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY",
                UUID.randomUUID().toString() + UUID.randomUUID());
        dashboard = new AppProcess("dashboard-quarkus", runJar("dashboard-quarkus"), JVM, dashboardProperties,
                dashboardEnvironment, LOGS.resolve("dashboard-quarkus.log"),
                URI.create("http://localhost:" + ports[3] + "/q/health/ready"));

        database = ComposeDatabase.start(dir.resolve("postgres"));
        notifierPort = ports[5];
        final Map<String, String> notifierProperties = new LinkedHashMap<>();
        notifierProperties.put("quarkus.http.port", Integer.toString(notifierPort));
        notifierProperties.put("quarkus.management.port", Integer.toString(ports[6]));
        notifierProperties.put("quarkus.datasource.jdbc.url", database.url());
        notifierProperties.put("quarkus.datasource.username", ComposeSecrets.DB_NOTIFIER);
        notifierProperties.put("pdm.security.users-file", users.toAbsolutePath().toString());
        notifier = new AppProcess("notifier", runJar("notifier"), JVM, notifierProperties,
                kafka.quarkusEnvironment("notifier"), LOGS.resolve("notifier.log"),
                URI.create("http://localhost:" + ports[6] + "/q/health/ready"));

        // all four start at once; each is awaited where it is needed
        detector.start();
        dashboard.start();
        notifier.start();
        connect = startConnectWorker(workerProperties(), LOGS.resolve("connect.log"));
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> detector.awaitReady(STARTUP)),
                CompletableFuture.runAsync(() -> dashboard.awaitReady(STARTUP))).join();

        produceReadingsAsTheBridge();
    }

    @AfterAll
    static void stop() throws Exception {
        final List<CompletableFuture<Void>> stopping = new ArrayList<>();
        if (dashboard != null) {
            stopping.add(CompletableFuture.runAsync(dashboard::close));
        }
        if (detector != null) {
            stopping.add(CompletableFuture.runAsync(detector::close));
        }
        if (notifier != null) {
            stopping.add(CompletableFuture.runAsync(notifier::close));
        }
        if (connect != null) {
            connect.destroy();
            if (!connect.waitFor(30, TimeUnit.SECONDS)) {
                connect.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
        if (kafka != null) {
            kafka.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theDetectorTrainsOnTheBridgesReadingsAndPublishesTheMachinesStatus() throws Exception {
        final MachineStatus status = awaitScoredStatus();
        assertThat(status.modelVersion()).as("the model the status names").isNotNull().isPositive();
        assertThat(status.readings()).isPositive();

        final HttpResponse<String> anonymous = get("http://localhost:" + detectorPort + "/machines/" + MACHINE, null);
        assertThat(anonymous.statusCode()).as("the detector without credentials").isEqualTo(401);
        final HttpResponse<String> response = get("http://localhost:" + detectorPort + "/machines/" + MACHINE,
                basic(VIEWER, viewer));
        assertThat(response.statusCode()).as("GET /machines/%s: %s\n%s", MACHINE, response.body(), detector.logTail())
                .isEqualTo(200);
        final JsonNode detail = JSON.readTree(response.body());
        assertThat(detail.path("status").path("machine_id").asText()).isEqualTo(MACHINE);
        assertThat(detail.path("status").path("state").asText()).isIn("NORMAL", "ANOMALY");
        assertThat(detail.path("model").path("version").asInt()).isPositive();

        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get()).as("the detector's internal topics, created as detector")
                    .anyMatch(t -> t.startsWith("streams-detector-") && t.endsWith("-changelog"));
            assertThat(admin.listTransactions().all().get()).as("the detector's exactly-once transactions")
                    .isNotEmpty()
                    .allMatch(t -> t.transactionalId().startsWith("streams-detector-"));
        }
        assertThat(detector.isAlive()).isTrue();
        // (its TopicCreator's "could not create topic machine-telemetry: Authorization failed." is expected:
        // the detector only reads readings; compose's topics service creates that topic)
        assertThat(Files.readString(detector.logFile())).doesNotContain("AuthorizationException",
                "SaslAuthenticationException");
    }

    @Test
    void theDashboardsConsumersReadTheMachinesStatus() throws Exception {
        final String url = "http://localhost:" + dashboardPort + "/api/machines";
        await("the dashboard listing " + MACHINE).atMost(PIPELINE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    final HttpResponse<String> response = get(url, basic(VIEWER, viewer));
                    assertThat(response.statusCode()).as("GET /api/machines: %s", response.body()).isEqualTo(200);
                    assertThat(StreamSupport.stream(JSON.readTree(response.body()).spliterator(), false)
                            .map(m -> m.path("machine_id").asText()))
                            .as("the dashboard's machines; its log ends with:\n%s", dashboard.logTail())
                            .contains(MACHINE);
                });
        assertThat(dashboard.isReady()).isTrue();
        assertThat(Files.readString(dashboard.logFile())).doesNotContain("AuthorizationException",
                "SaslAuthenticationException");
    }

    @Test
    void theNotifierReadsTheAlertsInItsOwnGroupAndMigratesItsOwnSchema() throws Exception {
        notifier.awaitReady(STARTUP);
        try (Admin admin = kafka.admin()) {
            await("the notifier in its consumer group " + NOTIFIER_GROUP).atMost(PIPELINE)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(() -> {
                        final ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(NOTIFIER_GROUP))
                                .describedGroups().get(NOTIFIER_GROUP).get();
                        assertThat(group.members()).as("its log ends with:\n%s", notifier.logTail()).isNotEmpty();
                        assertThat(group.members()).flatExtracting(m -> m.assignment().topicPartitions())
                                .extracting(TopicPartition::topic).containsOnly(KafkaTopics.ALERTS);
                    });
        }
        final HttpResponse<String> log = get("http://localhost:" + notifierPort + "/notifications?status=failed",
                basic(VIEWER, viewer));
        assertThat(log.statusCode()).as("GET /notifications: %s", log.body()).isEqualTo(200);
        try (Connection c = database.connect(ComposeSecrets.DB_NOTIFIER); Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'notifier'"
                     + " AND tablename LIKE 'notification_%'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("its tables, in its own schema").isEqualTo(3);
        }
        assertThat(notifier.isReady()).isTrue();
        assertThat(Files.readString(notifier.logFile())).doesNotContain("AuthorizationException",
                "SaslAuthenticationException", "permission denied");
    }

    @Test
    void theConnectWorkerRunsOnComposesWorkerPropertiesAndKeepsItsStateInItsTopics() throws Exception {
        final ConnectClient client = new ConnectClient("http://127.0.0.1:" + connectPort);
        await("the Connect worker healthy (joined its group, read its config topic)").atMost(STARTUP)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(connect.isAlive()).as("the Connect worker exited; its log ends with:\n%s",
                            tail(LOGS.resolve("connect.log"))).isTrue();
                    return client.isHealthy();
                });
        assertThat(client.connectors()).isEmpty();
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get())
                    .as("the worker's topics, created as the principal connect")
                    .contains("connect-configs", "connect-offsets", "connect-status");
            final ClassicGroupDescription group = admin.describeClassicGroups(List.of("iiot-connect"))
                    .describedGroups().get("iiot-connect").get();
            assertThat(group.state()).isEqualTo(ClassicGroupState.STABLE);
            assertThat(group.members()).hasSize(1);
        }
        // the group's leader wrote its session key to the config topic
        assertThat(keysOf("connect-configs")).contains("session-key");
        assertThat(Files.readString(LOGS.resolve("connect.log"))).doesNotContain("AuthorizationException",
                "SaslAuthenticationException");
    }

    private MachineStatus awaitScoredStatus() {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.plaintext());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final MachineStatus[] last = new MachineStatus[1];
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopics.STATUS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await(MACHINE + " scored on " + KafkaTopics.STATUS).atMost(PIPELINE).pollInSameThread()
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        assertThat(detector.isAlive()).as("the detector exited; its log ends with:\n%s",
                                detector.logTail()).isTrue();
                        for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                            if (MACHINE.equals(record.key())) {
                                last[0] = EventJson.fromJson(new String(record.value(), StandardCharsets.UTF_8),
                                        MachineStatus.class);
                            }
                        }
                        return last[0] != null && last[0].state() != MachineState.TRAINING;
                    });
        }
        return last[0];
    }

    private List<String> keysOf(final String topic) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.plaintext());
        final List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await("reading " + topic).atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
        }
        return keys;
    }

    /** ~40 s of one machine's readings at 1 Hz, as HiveMQ's Kafka bridge writes them: as the principal bridge. */
    private static void produceReadingsAsTheBridge() throws Exception {
        final Map<String, Object> config = kafka.client("bridge");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        final Random random = new Random(7);
        final Instant start = Instant.now().minusSeconds(READINGS + 5L).truncatedTo(ChronoUnit.MILLIS);
        try (KafkaProducer<String, byte[]> bridge = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            final List<TelemetryReading> readings = IntStream.range(0, READINGS).mapToObj(i -> {
                final Map<String, Double> values = new LinkedHashMap<>();
                values.put("temperature", 70.0 + random.nextGaussian() * 0.5);
                values.put("vibration", 2.5 + random.nextGaussian() * 0.1);
                values.put("current", 12.0 + random.nextGaussian() * 0.2);
                values.put("pressure", 6.0 + random.nextGaussian() * 0.05);
                values.put("rpm", 1450.0 + random.nextGaussian() * 5);
                return new TelemetryReading(MACHINE, start.plusSeconds(i), values, TelemetryReading.CURRENT_SCHEMA_VERSION,
                        (long) i);
            }).toList();
            for (final TelemetryReading reading : readings) {
                bridge.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, null, reading.timestamp().toEpochMilli(),
                        MACHINE, EventJson.toBytes(reading))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * deploy/connect/worker.properties as it is, but for where it listens and finds Kafka: the SASL
     * listener instead of kafka:19092, the REST API on a free loopback port, and its plugins found
     * on the classpath as local-stack's worker finds them (no plugin.path; discovery service_load as
     * in the file).
     */
    private static Path workerProperties() throws IOException {
        final List<String> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(Path.of("..", "deploy", "connect", "worker.properties"))) {
            if (line.startsWith("bootstrap.servers=")) {
                lines.add("bootstrap.servers=" + kafka.sasl());
            } else if (line.startsWith("listeners=")) {
                lines.add("listeners=http://127.0.0.1:" + connectPort);
            } else if (line.startsWith("rest.advertised.host.name=")) {
                lines.add("rest.advertised.host.name=127.0.0.1");
                lines.add("rest.advertised.port=" + connectPort);
            } else if (!line.startsWith("plugin.path=")) {
                lines.add(line);
            }
        }
        final Path file = dir.resolve("worker.properties");
        Files.write(file, lines);
        return file;
    }

    /**
     * The worker as {@code connect-distributed.sh worker.properties} starts it, on this test's
     * classpath (Kafka Connect's runtime and the platform's connector plugin), with the connect
     * principal's password in its environment as compose's connect.env gives it.
     */
    private static Process startConnectWorker(final Path properties, final Path log) throws IOException {
        final String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM);
        command.add("-cp");
        command.add(classpath);
        command.add("org.apache.kafka.connect.cli.ConnectDistributed");
        command.add(properties.toAbsolutePath().toString());
        final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PDM_KAFKA_PASSWORD", SecuredKafka.PASSWORDS.get("connect"));
        return builder.start();
    }

    private HttpResponse<String> get(final String url, final String authorization) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Credential account(final String name, final Set<String> roles, final String password) {
        return new Credential(name, roles, PasswordHash.of(password.toCharArray(), PasswordHash.MIN_ITERATIONS));
    }

    private static Path runJar(final String module) {
        return APPS.resolve(module).resolve(PlatformApps.RUN_JAR);
    }

    private static String tail(final Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
