package dev.pdm.iiot.bridge;

import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.validation.ParseResult;
import dev.pdm.iiot.events.validation.ReadingParser;
import dev.pdm.iiot.events.validation.ReadingRules;
import dev.pdm.iiot.events.validation.RejectReason;
import dev.pdm.iiot.events.validation.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns an MQTT message into the Kafka record it stands for: the payload unchanged as the value,
 * the key from the topic or the payload, the MQTT topic, QoS, DUP flag, retain flag and arrival
 * time in {@link MqttHeaders}, the arrival time as the record's timestamp.
 *
 * <p>A payload over the size limit, and with validation on any payload the readings contract
 * rejects, becomes a dead letter instead: the same key, the reason in
 * {@link DeadLetterHeaders}, and as its value at most {@link BridgeSettings#dlqExcerptBytes()} of
 * the payload. Every part of a dead letter taken from the input (key, topic, detail) is bounded
 * too, and a record that would be larger than the producer sends
 * ({@link BridgeSettings#maxRecordBytes()}) with its key and headers is an {@code OVERSIZE} dead
 * letter, so that no input can make a record Kafka refuses for its size. Nothing is dropped.
 *
 * <p>Thread-safe: the HiveMQ extension converts on several threads at once.
 */
public final class BridgeConverter {

    /** The longest key a dead letter keeps; a valid machine id has at most 64 characters. */
    static final int MAX_DEAD_LETTER_KEY_CHARS = 256;
    /** The longest topic or detail a dead letter's headers keep. */
    static final int MAX_DEAD_LETTER_TEXT_CHARS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConverter.class);

    private final BridgeSettings settings;
    private final KeyExtractor keys;
    private final ReadingParser parser;
    private final RejectionLog rejections;
    private final Clock clock;
    private final AtomicLong keyless = new AtomicLong();

    public BridgeConverter(final BridgeSettings settings, final RejectionLog rejections, final Clock clock) {
        this.settings = settings;
        this.keys = new KeyExtractor(settings.keySource(), settings.keyTopicSegment(), settings.keyJsonField());
        this.parser = settings.validation()
                ? new ReadingParser(ReadingRules.defaults().withMaxPayloadBytes(settings.payloadMaxBytes()))
                : null;
        this.rejections = rejections;
        this.clock = clock;
    }

    public BridgeSettings settings() {
        return settings;
    }

    /** The record for a message: on the topic, or a dead letter with the reason. */
    public BridgeRecord convert(final InboundMessage message) {
        final String key = keys.keyOf(message.topic(), message.payload());
        final Rejection rejection = check(message, key);
        if (rejection != null) {
            return deadLetter(message, key, rejection);
        }
        final BridgeRecord record = new BridgeRecord(settings.topic(), key, message.payload(),
                message.arrival().toEpochMilli(), mqttHeaders(message, message.topic()), null);
        final long size = RecordSize.of(record);
        if (size > settings.maxRecordBytes()) {
            return deadLetter(message, key, new Rejection(RejectReason.OVERSIZE, "with its key ("
                    + RecordSize.utf8Length(key) + " bytes) and headers (a topic of " + message.topic().length()
                    + " characters) the record would have " + size + " bytes, more than the " + settings.maxRecordBytes()
                    + " the producer sends (max.request.size)"));
        }
        if (key == null && keys.source() != KeySource.NONE && keyless.getAndIncrement() == 0) {
            LOG.warn("A message on {} yields no key from its {} (forwarded without a key; such messages are "
                    + "counted, not logged again)", message.topic(), keys.source() == KeySource.TOPIC
                    ? "topic" : "payload");
        }
        return record;
    }

    private BridgeRecord deadLetter(final InboundMessage message, final String key, final Rejection rejection) {
        final String topic = bounded(message.topic(), MAX_DEAD_LETTER_TEXT_CHARS);
        final Rejection bounded = new Rejection(rejection.reason(),
                bounded(rejection.detail(), MAX_DEAD_LETTER_TEXT_CHARS));
        rejections.rejected(bounded.reason(), bounded.detail(), topic);
        final byte[] payload = message.payload();
        final byte[] excerpt = payload.length <= settings.dlqExcerptBytes()
                ? payload : Arrays.copyOf(payload, settings.dlqExcerptBytes());
        final List<BridgeRecord.Header> headers = mqttHeaders(message, topic);
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.REASON, bounded.reason().name()));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.DETAIL, bounded.detail()));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.REJECTED_BY, settings.rejectedBy()));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.REJECTED_AT, clock.instant().toString()));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.SOURCE_TOPIC, topic));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.PAYLOAD_BYTES, Integer.toString(payload.length)));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.PAYLOAD_TRUNCATED,
                Boolean.toString(excerpt.length < payload.length)));
        return new BridgeRecord(settings.dlqTopic(), bounded(key, MAX_DEAD_LETTER_KEY_CHARS), excerpt,
                message.arrival().toEpochMilli(), headers, bounded);
    }

    private Rejection check(final InboundMessage message, final String key) {
        final byte[] payload = message.payload();
        if (payload.length > settings.payloadMaxBytes()) {
            return new Rejection(RejectReason.OVERSIZE,
                    "the payload has " + payload.length + " bytes, the limit is " + settings.payloadMaxBytes());
        }
        if (parser == null) {
            return null;
        }
        final String expected = keys.source() == KeySource.TOPIC ? key : null;
        final ParseResult result = parser.parse(payload, message.arrival(), expected);
        return result.isAccepted() ? null : result.rejection();
    }

    private static List<BridgeRecord.Header> mqttHeaders(final InboundMessage message, final String topic) {
        final List<BridgeRecord.Header> headers = new ArrayList<>(12);
        headers.add(new BridgeRecord.Header(MqttHeaders.TOPIC, topic));
        headers.add(new BridgeRecord.Header(MqttHeaders.QOS, Integer.toString(message.qos())));
        headers.add(new BridgeRecord.Header(MqttHeaders.DUP, Boolean.toString(message.duplicate())));
        headers.add(new BridgeRecord.Header(MqttHeaders.RETAINED, Boolean.toString(message.retained())));
        headers.add(new BridgeRecord.Header(MqttHeaders.ARRIVAL, message.arrival().toString()));
        return headers;
    }

    private static String bounded(final String text, final int maxChars) {
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    /** Messages forwarded without a key because none could be taken. */
    public long keyless() {
        return keyless.get();
    }

    /** Rejections so far, per reason. */
    public RejectionLog rejections() {
        return rejections;
    }
}
