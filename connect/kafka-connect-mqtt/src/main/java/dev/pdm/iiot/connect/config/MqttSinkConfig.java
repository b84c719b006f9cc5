package dev.pdm.iiot.connect.config;

import dev.pdm.iiot.events.MqttTopics;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.Locale;
import java.util.Map;

/** The settings of the MQTT sink connector and its tasks. */
public final class MqttSinkConfig extends MqttCommonConfig {

    public static final String TOPIC = "mqtt.topic";
    public static final String RETAIN = "mqtt.retain";
    public static final String PAYLOAD_FORMAT = "mqtt.payload.format";
    public static final String MAX_IN_FLIGHT = "mqtt.max.in.flight";
    public static final String ACK_TIMEOUT = "mqtt.ack.timeout.ms";

    /** What is published for a record. */
    public enum PayloadFormat {
        /** The record's value as it is: the platform's alert JSON, a superset of the prototype's. */
        UNCHANGED,
        /** Exactly the prototype's seven alert fields, for consumers that want nothing else. */
        PROTOTYPE;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final ConfigDef CONFIG_DEF = definition();

    private final TopicTemplate topicTemplate;

    public MqttSinkConfig(final Map<?, ?> originals) {
        this(originals, true);
    }

    private MqttSinkConfig(final Map<?, ?> originals, final boolean checked) {
        super(CONFIG_DEF, originals, checked);
        this.topicTemplate = TopicTemplate.parse(getString(TOPIC));
    }

    /** The settings without the cross-field checks, for {@code validate()} to report them per key. */
    public static MqttSinkConfig unchecked(final Map<?, ?> originals) {
        return new MqttSinkConfig(originals, false);
    }

    private static ConfigDef definition() {
        final String group = "MQTT publishing";
        int order = 0;
        return define(new ConfigDef(), MqttTopics.ALERTS_QOS)
                .define(TOPIC, Type.STRING, MqttTopics.ALERTS, Validators.topicTemplate(), Importance.HIGH,
                        "MQTT topic to publish every record to. Placeholders: {machineId} (the record key, or the "
                                + "alert's machine_id), {severity} and {kafkaTopic}, e.g. factory/machines/{machineId}/alerts.",
                        group, ++order, Width.LONG, "MQTT topic")
                .define(PAYLOAD_FORMAT, Type.STRING, PayloadFormat.UNCHANGED.configValue(),
                        ConfigDef.ValidString.in("unchanged", "prototype"), Importance.MEDIUM,
                        "unchanged publishes the record's value as it is (the platform's alert, a superset of the "
                                + "prototype's); prototype publishes exactly the prototype's seven fields alert_id, "
                                + "machine_id, timestamp, anomaly_score, metrics, severity, recommendation.",
                        group, ++order, Width.SHORT, "Payload format")
                .define(RETAIN, Type.BOOLEAN, false, Importance.LOW,
                        "Publish with the retain flag, so that a new subscriber gets the last message of each topic.",
                        group, ++order, Width.SHORT, "Retain")
                .define(MAX_IN_FLIGHT, Type.INT, 100, Range.between(1, 65_535), Importance.LOW,
                        "Most publishes awaiting the broker's acknowledgement per task; also bounded by the "
                                + "broker's receive maximum.",
                        group, ++order, Width.SHORT, "Max in flight")
                .define(ACK_TIMEOUT, Type.LONG, 30_000L, Range.between(100L, 600_000L), Importance.LOW,
                        "How long a publish may wait for the broker's acknowledgement before it is retried, in ms.",
                        group, ++order, Width.SHORT, "Ack timeout");
    }

    @Override
    public Map<String, String> crossFieldProblems() {
        final Map<String, String> problems = new java.util.LinkedHashMap<>(super.crossFieldProblems());
        if (serverUris().size() != 1) {
            problems.put(SERVER_URI, "the sink publishes to one broker; run one sink connector per broker");
        }
        return problems;
    }

    public TopicTemplate topicTemplate() {
        return topicTemplate;
    }

    public String serverUri() {
        return serverUris().get(0);
    }

    public boolean retain() {
        return getBoolean(RETAIN);
    }

    public PayloadFormat payloadFormat() {
        return PayloadFormat.valueOf(getString(PAYLOAD_FORMAT).toUpperCase(Locale.ROOT));
    }

    public int maxInFlight() {
        return getInt(MAX_IN_FLIGHT);
    }

    public long ackTimeoutMs() {
        return getLong(ACK_TIMEOUT);
    }
}
