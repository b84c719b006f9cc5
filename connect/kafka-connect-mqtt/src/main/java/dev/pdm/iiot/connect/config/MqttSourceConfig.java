package dev.pdm.iiot.connect.config;

import dev.pdm.iiot.bridge.BridgeSettings;
import dev.pdm.iiot.bridge.KeySource;
import dev.pdm.iiot.bridge.RecordSize;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.validation.ReadingRules;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.List;
import java.util.Map;

/** The settings of the MQTT source connector and its tasks. */
public final class MqttSourceConfig extends MqttCommonConfig {

    public static final String TOPICS = "mqtt.topics";
    public static final String SHARED_SUBSCRIPTION = "mqtt.shared.subscription.enabled";
    public static final String SHARE_GROUP = "mqtt.shared.subscription.group";
    public static final String CLEAN_START = "mqtt.clean.start";
    public static final String SESSION_EXPIRY = "mqtt.session.expiry.seconds";
    public static final String RECEIVE_MAXIMUM = "mqtt.receive.maximum";
    public static final String KAFKA_TOPIC = "kafka.topic";
    public static final String DLQ_TOPIC = "kafka.dlq.topic";
    public static final String DLQ_EXCERPT_BYTES = "kafka.dlq.excerpt.bytes";
    public static final String KEY_SOURCE = "kafka.key.source";
    public static final String KEY_TOPIC_SEGMENT = "kafka.key.topic.segment";
    public static final String KEY_JSON_FIELD = "kafka.key.json.field";
    public static final String VALIDATION = "validation.enabled";
    public static final String PAYLOAD_MAX_BYTES = "payload.max.bytes";
    public static final String BATCH_MAX = "batch.max.size";
    public static final String POLL_TIMEOUT = "poll.timeout.ms";

    /** Connect's own error handling setting, read to warn when a refused record would fail the task. */
    public static final String ERRORS_TOLERANCE = "errors.tolerance";
    /** A connector's override of its producer's request limit, read so that no record exceeds it. */
    public static final String PRODUCER_MAX_REQUEST_SIZE = "producer.override.max.request.size";

    /** The value of {@code dlq.rejected.by} on this connector's dead letters. */
    public static final String REJECTED_BY = "mqtt-source";

    /** A day: long enough to ride out a worker's restart or a rebalance, short enough not to pile up forever. */
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 86_400L;

    public static final ConfigDef CONFIG_DEF = definition();

    public MqttSourceConfig(final Map<?, ?> originals) {
        this(originals, true);
    }

    private MqttSourceConfig(final Map<?, ?> originals, final boolean checked) {
        super(CONFIG_DEF, originals, checked);
    }

    /** The settings without the cross-field checks, for {@code validate()} to report them per key. */
    public static MqttSourceConfig unchecked(final Map<?, ?> originals) {
        return new MqttSourceConfig(originals, false);
    }

    private static ConfigDef definition() {
        final String subscription = "MQTT subscription";
        final String kafka = "Kafka records";
        final String validation = "Validation";
        int s = 0;
        int k = 0;
        return define(new ConfigDef(), MqttTopics.READINGS_QOS)
                .define(TOPICS, Type.LIST, MqttTopics.SENSORS_FILTER, Validators.topicFilters(), Importance.HIGH,
                        "MQTT topic filters to subscribe to, comma-separated; + and # wildcards allowed.",
                        subscription, ++s, Width.LONG, "Topic filters")
                .define(SHARED_SUBSCRIPTION, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Subscribe through an MQTT 5 shared subscription ($share/{group}/{filter}), so that the "
                                + "tasks split the messages between them. When false only one task per broker runs.",
                        subscription, ++s, Width.SHORT, "Shared subscription")
                .define(SHARE_GROUP, Type.STRING, "", Validators.shareGroup(), Importance.LOW,
                        "Name of the shared subscription; the connector's name when empty.",
                        subscription, ++s, Width.MEDIUM, "Share group")
                .define(CLEAN_START, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Start every connection with a new session. Keep false: the persistent session is what makes "
                                + "the broker keep and redeliver messages while a task is away.",
                        subscription, ++s, Width.SHORT, "Clean start")
                .define(SESSION_EXPIRY, Type.LONG, DEFAULT_SESSION_EXPIRY_SECONDS, Range.between(0L, 4_294_967_295L),
                        Importance.MEDIUM,
                        "How long the broker keeps a task's session (subscriptions and queued messages) after it "
                                + "disconnects, in seconds. 0 ends the session at disconnect: messages published "
                                + "meanwhile are lost.",
                        subscription, ++s, Width.SHORT, "Session expiry")
                .define(RECEIVE_MAXIMUM, Type.INT, 1_000, Range.between(1, 65_535), Importance.LOW,
                        "How many QoS 1 and 2 messages the broker may send a task before it acknowledges them "
                                + "(MQTT 5 receive maximum). Messages are acknowledged only after Kafka stored them, "
                                + "so this bounds the messages in flight per task.",
                        subscription, ++s, Width.SHORT, "Receive maximum")
                .define(KAFKA_TOPIC, Type.STRING, KafkaTopics.TELEMETRY, Validators.kafkaTopic(), Importance.HIGH,
                        "Kafka topic the messages are written to.",
                        kafka, ++k, Width.MEDIUM, "Kafka topic")
                .define(DLQ_TOPIC, Type.STRING, KafkaTopics.TELEMETRY_DLQ, Validators.kafkaTopic(), Importance.MEDIUM,
                        "Kafka topic for rejected messages (oversize, or invalid when validation is on), "
                                + "with the reason in headers.",
                        kafka, ++k, Width.MEDIUM, "Dead-letter topic")
                .define(DLQ_EXCERPT_BYTES, Type.INT, BridgeSettings.DEFAULT_DLQ_EXCERPT_BYTES,
                        Range.between(0, BridgeSettings.MAX_DLQ_EXCERPT_BYTES), Importance.LOW,
                        "How many bytes of a rejected payload its dead letter carries; the rest is cut off "
                                + "(headers dlq.payload.bytes and dlq.payload.truncated say so).",
                        kafka, ++k, Width.SHORT, "Dead-letter excerpt")
                .define(KEY_SOURCE, Type.STRING, KeySource.TOPIC.configValue(),
                        ConfigDef.ValidString.in("topic", "json", "none"), Importance.MEDIUM,
                        "Where the record key comes from: topic (a level of the MQTT topic, see "
                                + KEY_TOPIC_SEGMENT + "), json (a field of the payload, see " + KEY_JSON_FIELD
                                + ") or none.",
                        kafka, ++k, Width.SHORT, "Key source")
                .define(KEY_TOPIC_SEGMENT, Type.INT, 2, Range.between(0, 1_000), Importance.LOW,
                        "Index (from 0) of the topic level that is the key; 2 is {machineId} in "
                                + MqttTopics.SENSORS_TEMPLATE + ".",
                        kafka, ++k, Width.SHORT, "Key topic level")
                .define(KEY_JSON_FIELD, Type.STRING, TelemetryReading.FIELD_MACHINE_ID, new ConfigDef.NonEmptyString(),
                        Importance.LOW, "Top-level JSON string field that is the key when " + KEY_SOURCE + "=json.",
                        kafka, ++k, Width.SHORT, "Key field")
                .define(BATCH_MAX, Type.INT, 1_000, Range.between(1, 100_000), Importance.LOW,
                        "Most records one poll returns.", kafka, ++k, Width.SHORT, "Batch size")
                .define(POLL_TIMEOUT, Type.LONG, 500L, Range.between(1L, 60_000L), Importance.LOW,
                        "How long a poll waits for a first message before it returns none, in ms.",
                        kafka, ++k, Width.SHORT, "Poll timeout")
                .define(VALIDATION, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Check every payload against the readings contract and route rejects to the dead-letter "
                                + "topic. When false payloads are passed through unchanged (only the size is checked).",
                        validation, 1, Width.SHORT, "Validation")
                .define(PAYLOAD_MAX_BYTES, Type.INT, ReadingRules.DEFAULT_MAX_PAYLOAD_BYTES, Range.between(1, BridgeSettings.MAX_PAYLOAD_BYTES),
                        Importance.LOW,
                        "Largest payload forwarded; larger ones go to the dead-letter topic as OVERSIZE, "
                                + "with or without validation.",
                        validation, 2, Width.SHORT, "Payload limit");
    }

    public List<String> topicFilters() {
        return getList(TOPICS).stream().map(String::trim).toList();
    }

    public boolean sharedSubscription() {
        return getBoolean(SHARED_SUBSCRIPTION);
    }

    /** The share group: configured, or the connector's name, or {@code fallback}. */
    public String shareGroup(final String fallback) {
        final String group = getString(SHARE_GROUP);
        if (group != null && !group.isEmpty()) {
            return group;
        }
        final Object name = originals().get(CONNECTOR_NAME);
        final String connector = name == null ? "" : String.valueOf(name).replaceAll("[/+#\\s]", "_");
        return connector.isEmpty() ? fallback : connector;
    }

    public boolean cleanStart() {
        return getBoolean(CLEAN_START);
    }

    public long sessionExpirySeconds() {
        return getLong(SESSION_EXPIRY);
    }

    public int receiveMaximum() {
        return getInt(RECEIVE_MAXIMUM);
    }

    public String kafkaTopic() {
        return getString(KAFKA_TOPIC).trim();
    }

    public String dlqTopic() {
        return getString(DLQ_TOPIC).trim();
    }

    public int dlqExcerptBytes() {
        return getInt(DLQ_EXCERPT_BYTES);
    }

    public KeySource keySource() {
        return KeySource.fromConfig(getString(KEY_SOURCE));
    }

    public int keyTopicSegment() {
        return getInt(KEY_TOPIC_SEGMENT);
    }

    public String keyJsonField() {
        return getString(KEY_JSON_FIELD);
    }

    public boolean validation() {
        return getBoolean(VALIDATION);
    }

    public int payloadMaxBytes() {
        return getInt(PAYLOAD_MAX_BYTES);
    }

    /** How messages become records: the shared conversion of both bridges, as this connector is configured. */
    public BridgeSettings bridgeSettings() {
        return new BridgeSettings(kafkaTopic(), dlqTopic(), keySource(), keyTopicSegment(), keyJsonField(),
                validation(), payloadMaxBytes(), dlqExcerptBytes(), maxRecordBytes(), REJECTED_BY);
    }

    /**
     * The largest record the producer takes: {@value #PRODUCER_MAX_REQUEST_SIZE} when the connector
     * sets it, else Kafka's default. A worker-wide {@code producer.max.request.size} is not visible here.
     */
    public int maxRecordBytes() {
        final Object value = originals().get(PRODUCER_MAX_REQUEST_SIZE);
        if (value == null) {
            return RecordSize.KAFKA_DEFAULT_MAX_REQUEST_SIZE;
        }
        try {
            final int size = Integer.parseInt(String.valueOf(value).trim());
            return size > 0 ? size : RecordSize.KAFKA_DEFAULT_MAX_REQUEST_SIZE;
        } catch (NumberFormatException e) {
            return RecordSize.KAFKA_DEFAULT_MAX_REQUEST_SIZE; // the worker refuses such an override itself
        }
    }

    /**
     * The connector's {@code errors.tolerance}, {@code none} when it sets none (Connect's default).
     * With {@code all} a record Kafka refuses is skipped and its MQTT message acknowledged; with
     * {@code none} it fails the task.
     */
    public String errorsTolerance() {
        final Object value = originals().get(ERRORS_TOLERANCE);
        return value == null ? "none" : String.valueOf(value).trim();
    }

    public int batchMax() {
        return getInt(BATCH_MAX);
    }

    public long pollTimeoutMs() {
        return getLong(POLL_TIMEOUT);
    }
}
