package dev.pdm.iiot.connect.history;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.streams.DetectorTopology;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.FeatureStats;
import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.SensorMinute;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.history.HistorySchema;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.connect.ConnectClient;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.localstack.postgres.PostgresServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's topics written into a real PostgreSQL by Debezium's JDBC sink on a real Connect
 * worker (Debezium from its plugin archive on {@code plugin.path}, the transforms from the classpath),
 * and readings through the detector's real topology (Kafka Streams) into the minute tables.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HistorySinkIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Instant MINUTE = Instant.parse("2025-11-21T21:27:00Z");
    /** The sinks' dead-letter topic, as the shipped configurations name it. */
    private static final String DLQ = "machine-history-dlq";
    private static final String DLQ_MESSAGE = "__connect.errors.exception.message";
    private static final String DLQ_TOPIC = "__connect.errors.topic";
    private static final String DLQ_OFFSET = "__connect.errors.offset";

    private static LocalStack stack;
    private static PostgresServer postgres;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startStack() throws Exception {
        final Path plugins = Path.of(System.getProperty("history-sink.plugin.dir", "target/connect-plugins"));
        assertThat(plugins).as("Debezium's plugin archive unpacked by the build").isDirectory();
        stack = LocalStack.builder().mqttPersistence(MqttPersistence.IN_MEMORY).withPostgres(true)
                .connectProperty("plugin.path", plugins.toAbsolutePath().toString())
                .build().start();
        postgres = stack.postgres().orElseThrow();
        HistorySchema.migrate(postgres.dataSource());
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        for (final String file : List.of("history-minutes-sink.json", "history-alerts-sink.json", "history-models-sink.json")) {
            createConnector(file, null);
        }
    }

    @AfterAll
    static void stopStack() {
        if (producer != null) {
            producer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** Creates the connector of a shipped configuration file, pointed at the embedded database. */
    private static String createConnector(final String file, final String rename) throws Exception {
        final JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of("config", file)));
        final Map<String, String> config = new LinkedHashMap<>();
        json.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("connection.url", postgres.jdbcUrl());
        config.put("connection.username", postgres.user());
        config.put("connection.password", postgres.password());
        final String name = rename != null ? rename : json.get("name").asText();
        final ConnectClient connect = stack.connectClient();
        connect.createOrUpdate(name, config);
        connect.awaitRunning(name, WAIT);
        return name;
    }

    private static void send(final String topic, final String key, final Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, EventJson.toBytes(event))).get();
    }

    @Test
    void aReadingOnMachineTelemetryBecomesAMinuteRowThroughTheDetector(@TempDir final Path state) throws Exception {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "history-sink-it-detector");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        try (KafkaStreams detector = new KafkaStreams(new DetectorTopology(DetectorSettings.defaults()).build(), props)) {
            detector.start();
            final Instant now = Instant.now();
            final Instant minute = now.minusSeconds(120).truncatedTo(ChronoUnit.MINUTES);
            sendReading("MACHINE_E2E", minute.plusSeconds(5), 2.25);
            sendReading("MACHINE_E2E", minute.plusSeconds(35), 2.75);
            sendReading("MACHINE_E2E", now, 2.0);

            await("the detector's minute in PostgreSQL").atMost(WAIT).until(() -> count(
                    "SELECT count(*) FROM machine_minute WHERE machine_id = 'MACHINE_E2E' AND sensor = 'vibration' "
                            + "AND readings = 2 AND min = 2.25 AND max = 2.75 AND mean = 2.5 AND minute = '"
                            + minute + "'") == 1);
            assertThat(count("SELECT readings FROM machine_minute_summary WHERE machine_id = 'MACHINE_E2E' "
                    + "AND minute = '" + minute + "'")).isEqualTo(2);
        }
    }

    private static void sendReading(final String machine, final Instant at, final double vibration) throws Exception {
        final String json = "{\"machine_id\": \"" + machine + "\", \"timestamp\": \"" + at + "\", \"temperature\": 65.0, "
                + "\"vibration\": " + vibration + ", \"current\": 10.0, \"pressure\": 6.0, \"rpm\": 1500.0}";
        producer.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, null, at.toEpochMilli(), machine,
                json.getBytes(StandardCharsets.UTF_8))).get();
    }

    @Test
    void aMinuteAggregateBecomesASummaryRowAndOneRowPerSensorAndALaterVersionReplacesThem() throws Exception {
        final Map<String, SensorMinute> sensors = new LinkedHashMap<>();
        sensors.put("temperature", new SensorMinute(80.9, 81.7, 82.4, 19));
        sensors.put("vibration", new SensorMinute(4.41, 4.55, 4.67, 19));
        send(KafkaTopics.MINUTE_AGGREGATES, "MACHINE_003",
                new MinuteAggregate("MACHINE_003", MINUTE, 19, 2, 0.71, 1, sensors));

        await("the minute's rows").atMost(WAIT).until(() -> count(
                "SELECT count(*) FROM machine_minute WHERE machine_id = 'MACHINE_003'") == 2);
        sensors.put("vibration", new SensorMinute(4.41, 4.6, 5.2, 20));
        send(KafkaTopics.MINUTE_AGGREGATES, "MACHINE_003",
                new MinuteAggregate("MACHINE_003", MINUTE, 20, 3, 0.74, 1, sensors));

        await("the late reading's update").atMost(WAIT).until(() -> count(
                "SELECT readings FROM machine_minute_summary WHERE machine_id = 'MACHINE_003'") == 20);
        assertThat(count("SELECT count(*) FROM machine_minute WHERE machine_id = 'MACHINE_003'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM machine_minute WHERE machine_id = 'MACHINE_003' AND sensor = 'vibration'"
                + " AND max = 5.2 AND readings = 20 AND minute = '2025-11-21T21:27:00Z'")).isEqualTo(1);
        assertThat(count("SELECT anomalies FROM machine_minute_summary WHERE machine_id = 'MACHINE_003'")).isEqualTo(3);
    }

    @Test
    void anAcknowledgementIsAuditedWithItsUserAndARedeliveryWritesNoDuplicate() throws Exception {
        final Instant raised = Instant.parse("2025-11-21T21:28:04.512Z");
        final Alert open = new Alert("MACHINE_007:ANOMALY:1", "MACHINE_007", raised, -0.71,
                Map.of("temperature", 82.4), Severity.WARNING, "Monitor closely", "ANOMALY", AlertStatus.ACTIVE_UNACK,
                4, raised.minusSeconds(12), raised, Severity.CRITICAL, List.of(), 1, 0.71, 0.62,
                null, null, null, null, List.of());
        final Instant ackAt = raised.plusSeconds(60);
        final Alert acked = open.withStatus(AlertStatus.ACTIVE_ACK, ackAt, "maria", ackAt, null, null);
        send(KafkaTopics.ALERTS, "MACHINE_007", open);
        send(KafkaTopics.ALERTS, "MACHINE_007", acked);

        await("the ack in the audit").atMost(WAIT).until(() -> count("SELECT count(*) FROM alert_audit WHERE "
                + "alert_id = 'MACHINE_007:ANOMALY:1' AND status = 'ACTIVE_ACK' AND acknowledged_by = 'maria' "
                + "AND acknowledged_at = '2025-11-21T21:29:04.512Z'") == 1);
        assertThat(count("SELECT count(*) FROM alert_audit WHERE alert_id = 'MACHINE_007:ANOMALY:1'")).isEqualTo(2);

        // the whole topic delivered again: a new connector (a new consumer group) reads it from the start
        stack.connectClient().delete("history-alerts");
        createConnector("history-alerts-sink.json", "history-alerts-again");
        final Alert cleared = acked.withStatus(AlertStatus.CLEARED, ackAt.plusSeconds(60), "maria", ackAt,
                ackAt.plusSeconds(60), "maria");
        send(KafkaTopics.ALERTS, "MACHINE_007", cleared);

        await("the clear after the re-delivery").atMost(WAIT).until(() -> count(
                "SELECT count(*) FROM alert_audit WHERE alert_id = 'MACHINE_007:ANOMALY:1' AND status = 'CLEARED'") == 1);
        assertThat(count("SELECT count(*) FROM alert_audit WHERE alert_id = 'MACHINE_007:ANOMALY:1'")).isEqualTo(3);
    }

    @Test
    void aRestartedConnectorWritesNoDuplicateRow() throws Exception {
        final ModelDescriptor model = new ModelDescriptor("MACHINE_009", 1, Instant.parse("2025-11-21T21:29:31Z"), 30,
                List.of("temperature", "vibration"), List.of(new FeatureStats("temperature", 65.1, 1.2),
                new FeatureStats("vibration", 2.0, 0.1)), 0.58, 0.15, 100, 1.0, 0, 48_210, ModelDescriptor.Reason.INITIAL);
        send(KafkaTopics.MODELS, "MACHINE_009", model);
        await("the model version").atMost(WAIT).until(() -> count(
                "SELECT count(*) FROM model_versions WHERE machine_id = 'MACHINE_009'") == 1);

        stack.connectClient().restart("history-models");
        stack.connectClient().awaitRunning("history-models", WAIT);
        send(KafkaTopics.MODELS, "MACHINE_009", model);
        send(KafkaTopics.MODELS, "MACHINE_009", new ModelDescriptor("MACHINE_009", 2, Instant.parse("2025-11-22T08:00:00Z"),
                256, model.features(), model.featureStats(), 0.6, 0.15, 100, 1.0, 0, 1_050_000, ModelDescriptor.Reason.DRIFT));

        await("the second version").atMost(WAIT).until(() -> count(
                "SELECT count(*) FROM model_versions WHERE machine_id = 'MACHINE_009' AND version = 2") == 1);
        assertThat(count("SELECT count(*) FROM model_versions WHERE machine_id = 'MACHINE_009'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM model_versions WHERE machine_id = 'MACHINE_009' "
                + "AND version = 1 AND features = '[\"temperature\", \"vibration\"]'::jsonb")).isEqualTo(1);
    }

    @Test
    void aBadRecordOnEachTopicGoesToTheDeadLetterTopicWithItsReasonAndTheNextRecordIsWritten() throws Exception {
        final long badMinute = sendRaw(KafkaTopics.MINUTE_AGGREGATES, "MACHINE_101", "{\"machine_id\": \"MACHINE_101\", "
                + "\"minute\": \"2025-11-21T21:27:00Z\", \"readings\": 19, \"anomalies\": 0, \"sensors\": {\"vibration\": "
                + "{\"min\": 4.41, \"mean\": 4.55, \"max\": NaN, \"count\": 19}}}");
        final long badAlert = sendRaw(KafkaTopics.ALERTS, "MACHINE_101", "{\"alert_id\": \"MACHINE_101:ANOMALY:1\", "
                + "\"machine_id\": \"MACHINE_101\", \"timestamp\": \"2025-11-21T21:28:04Z\", \"anomaly_score\": -0.7");
        final long badModel = sendRaw(KafkaTopics.MODELS, "MACHINE_101", "{\"schema_version\": 2, \"machine_id\": \"MACHINE_101\"}");
        send(KafkaTopics.MINUTE_AGGREGATES, "MACHINE_101", new MinuteAggregate("MACHINE_101", MINUTE.plusSeconds(60), 20, 0,
                0.2, 1, Map.of("vibration", new SensorMinute(4.4, 4.5, 4.6, 20))));
        send(KafkaTopics.ALERTS, "MACHINE_101", Alert.prototype("MACHINE_101:ANOMALY:2", "MACHINE_101",
                Instant.parse("2025-11-21T21:29:04Z"), -0.7, Map.of("vibration", 4.6), Severity.WARNING, "Check it"));
        send(KafkaTopics.MODELS, "MACHINE_101", new ModelDescriptor("MACHINE_101", 1, Instant.parse("2025-11-21T21:29:31Z"),
                30, List.of("vibration"), List.of(new FeatureStats("vibration", 4.5, 0.1)), 0.58, 0.15, 100, 1.0, 0,
                48_210, ModelDescriptor.Reason.INITIAL));

        await("the valid records after the bad ones").atMost(WAIT).until(() -> count(
                "SELECT count(*) FROM machine_minute WHERE machine_id = 'MACHINE_101'") == 1
                && count("SELECT count(*) FROM alert_audit WHERE machine_id = 'MACHINE_101'") == 1
                && count("SELECT count(*) FROM model_versions WHERE machine_id = 'MACHINE_101'") == 1);
        final List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = deadLetterConsumer()) {
            await("three dead letters").atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if ("MACHINE_101".equals(r.key())) {
                        dead.add(r);
                    }
                });
                return dead.size() >= 3;
            });
        }
        assertThat(dead).hasSize(3);
        assertThat(deadLetter(dead, KafkaTopics.MINUTE_AGGREGATES, badMinute))
                .startsWith("NON_FINITE: field sensors.vibration.max is NaN");
        assertThat(deadLetter(dead, KafkaTopics.ALERTS, badAlert)).startsWith("MALFORMED_JSON: ");
        assertThat(deadLetter(dead, KafkaTopics.MODELS, badModel)).startsWith("UNKNOWN_SCHEMA_VERSION: ");
        assertThat(dead).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .contains("MACHINE_101"));
        assertThat(stack.connectClient().status("history-minutes").orElseThrow().isRunning()).isTrue();
    }

    /** The reason of the dead letter of the record at that topic and offset. */
    private static String deadLetter(final List<ConsumerRecord<String, byte[]>> dead, final String topic, final long offset) {
        return dead.stream()
                .filter(r -> topic.equals(header(r, DLQ_TOPIC)) && String.valueOf(offset).equals(header(r, DLQ_OFFSET)))
                .map(r -> header(r, DLQ_MESSAGE))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter of " + topic + "@" + offset));
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> deadLetterConsumer() {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "history-sink-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(DLQ));
        return consumer;
    }

    @Test
    void aMinuteSentWhileTheDatabaseIsDownIsWrittenOnceItIsBack() throws Exception {
        final Logger sink = (Logger) LoggerFactory.getLogger("io.debezium.connector.jdbc.JdbcChangeEventSink");
        final ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        sink.addAppender(log);
        try {
            postgres.stop();
            send(KafkaTopics.MINUTE_AGGREGATES, "MACHINE_202", new MinuteAggregate("MACHINE_202", MINUTE, 20, 0, 0.2, 1,
                    Map.of("vibration", new SensorMinute(4.4, 4.5, 4.6, 20))));

            await("the sink retrying its write").atMost(WAIT).until(() -> log.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().startsWith("Retry to ")));
            postgres.start();

            await("the minute written after the outage").atMost(WAIT).until(() -> count(
                    "SELECT count(*) FROM machine_minute WHERE machine_id = 'MACHINE_202'") == 1);
            assertThat(stack.connectClient().status("history-minutes").orElseThrow().isRunning()).isTrue();
        } finally {
            sink.detachAppender(log);
            postgres.start();
            if (!stack.connectClient().status("history-minutes").orElseThrow().isRunning()) {
                stack.connectClient().restart("history-minutes");
            }
        }
    }

    private static long sendRaw(final String topic, final String key, final String json) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8))).get().offset();
    }

    private static long count(final String sql) throws SQLException {
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
