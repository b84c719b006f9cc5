package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.connect.config.MqttSourceConfig;
import dev.pdm.iiot.connect.config.MqttSourceConfig.KeySource;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.validation.ParseResult;
import dev.pdm.iiot.events.validation.ReadingParser;
import dev.pdm.iiot.events.validation.ReadingRules;
import dev.pdm.iiot.events.validation.RejectReason;
import dev.pdm.iiot.events.validation.Rejection;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns an MQTT message into a Kafka record: the payload unchanged as a {@link Schema#BYTES_SCHEMA}
 * value, the key ({@link Schema#STRING_SCHEMA}) from the topic or the payload, the MQTT topic, QoS, DUP
 * flag, retain flag and arrival time in {@link MqttHeaders}, the arrival time as the record's timestamp.
 *
 * <p>A payload over the size limit, and with validation on any payload the readings contract rejects,
 * goes to the dead-letter topic instead: same key and value, the reason in {@link DeadLetterHeaders}.
 * Nothing is dropped.
 */
public final class RecordConverter {

    /** The value of {@link DeadLetterHeaders#REJECTED_BY} for this connector. */
    public static final String REJECTED_BY = "mqtt-source";

    private static final Logger LOG = LoggerFactory.getLogger(RecordConverter.class);

    private final String topic;
    private final String dlqTopic;
    private final KeyExtractor keys;
    private final ReadingParser parser;
    private final int maxPayloadBytes;
    private final RejectionLog rejections;
    private final Clock clock;
    private final AtomicLong keyless = new AtomicLong();

    public RecordConverter(final MqttSourceConfig config, final RejectionLog rejections, final Clock clock) {
        this.topic = config.kafkaTopic();
        this.dlqTopic = config.dlqTopic();
        this.keys = new KeyExtractor(config.keySource(), config.keyTopicSegment(), config.keyJsonField());
        this.maxPayloadBytes = config.payloadMaxBytes();
        this.parser = config.validation()
                ? new ReadingParser(ReadingRules.defaults().withMaxPayloadBytes(config.payloadMaxBytes()))
                : null;
        this.rejections = rejections;
        this.clock = clock;
    }

    public String topic() {
        return topic;
    }

    public String dlqTopic() {
        return dlqTopic;
    }

    /** The record for a message: on the topic, or on the dead-letter topic with the reason. */
    public SourceRecord convert(final ReceivedMessage message, final Map<String, ?> partition,
                                final Map<String, ?> offset) {
        final byte[] payload = message.payload();
        final String key = keys.keyOf(message.topic(), payload);
        final Rejection rejection = check(message, key);
        final ConnectHeaders headers = mqttHeaders(message);
        if (rejection != null) {
            rejections.rejected(rejection.reason(), rejection.detail(), message.topic());
            headers.addString(DeadLetterHeaders.REASON, rejection.reason().name())
                    .addString(DeadLetterHeaders.DETAIL, rejection.detail())
                    .addString(DeadLetterHeaders.REJECTED_BY, REJECTED_BY)
                    .addString(DeadLetterHeaders.REJECTED_AT, clock.instant().toString())
                    .addString(DeadLetterHeaders.SOURCE_TOPIC, message.topic());
            return record(dlqTopic, key, payload, headers, message, partition, offset);
        }
        if (key == null && keys.source() != KeySource.NONE && keyless.getAndIncrement() == 0) {
            LOG.warn("A message on {} yields no key from its {} (forwarded without a key; such messages are "
                    + "counted, not logged again)", message.topic(), keys.source() == KeySource.TOPIC
                    ? "topic" : "payload");
        }
        return record(topic, key, payload, headers, message, partition, offset);
    }

    private Rejection check(final ReceivedMessage message, final String key) {
        final byte[] payload = message.payload();
        if (payload.length > maxPayloadBytes) {
            return new Rejection(RejectReason.OVERSIZE,
                    "the payload has " + payload.length + " bytes, the limit is " + maxPayloadBytes);
        }
        if (parser == null) {
            return null;
        }
        final String expected = keys.source() == KeySource.TOPIC ? key : null;
        final ParseResult result = parser.parse(payload, message.arrival(), expected);
        return result.isAccepted() ? null : result.rejection();
    }

    private static ConnectHeaders mqttHeaders(final ReceivedMessage message) {
        final ConnectHeaders headers = new ConnectHeaders();
        headers.addString(MqttHeaders.TOPIC, message.topic())
                .addInt(MqttHeaders.QOS, message.qos())
                .addBoolean(MqttHeaders.DUP, message.duplicate())
                .addBoolean(MqttHeaders.RETAINED, message.retained())
                .addString(MqttHeaders.ARRIVAL, message.arrival().toString());
        return headers;
    }

    private static SourceRecord record(final String topic, final String key, final byte[] payload,
                                       final ConnectHeaders headers, final ReceivedMessage message,
                                       final Map<String, ?> partition, final Map<String, ?> offset) {
        return new SourceRecord(partition, offset, topic, null, Schema.OPTIONAL_STRING_SCHEMA, key,
                Schema.BYTES_SCHEMA, payload, message.arrival().toEpochMilli(), headers);
    }

    /** Messages forwarded without a key because none could be taken. */
    public long keyless() {
        return keyless.get();
    }
}
