package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.bridge.BridgeRecord;
import dev.pdm.iiot.bridge.BridgeSettings;
import dev.pdm.iiot.bridge.InboundMessage;
import dev.pdm.iiot.bridge.MqttHeaders;
import dev.pdm.iiot.bridge.RejectionLog;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.validation.RejectReason;
import dev.pdm.iiot.events.validation.Rejection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps every record within what Kafka's producer takes ({@code max.request.size}). A dead letter
 * is small by construction (an excerpt, a bounded key, topic and detail), but a record on the topic
 * carries its key and the MQTT topic besides the payload: a long topic is both the key and a header,
 * and a key taken from the payload can be nearly as large as the payload. Such a record, if larger
 * than the limit, becomes an {@code OVERSIZE} dead letter instead of a record Kafka would refuse.
 *
 * <p>Sizes are counted as Kafka bounds a batch of one record, for the worker's usual converters
 * (a {@code StringConverter} key, a {@code ByteArrayConverter} value, string headers).
 */
final class RecordSizeLimit {

    /** A record batch's header (61 bytes) and the most a record's fixed fields take (21). */
    static final int RECORD_OVERHEAD = 61 + 21;
    /** The most a variable-length size takes. */
    private static final int VARINT = 5;
    /** A dead letter's key, topic and detail are cut as the shared conversion cuts them. */
    static final int MAX_KEY_CHARS = 256;
    static final int MAX_TEXT_CHARS = 1024;
    /**
     * What a dead letter takes besides its excerpt, at most: the key, two topic headers and the
     * detail at three bytes a character, the other headers, the overhead (about 10.5 KB).
     */
    static final int DEAD_LETTER_OVERHEAD = 11 * 1024;

    private final int maxRecordBytes;
    private final BridgeSettings settings;
    private final RejectionLog rejections;
    private final Clock clock;

    RecordSizeLimit(final int maxRecordBytes, final BridgeSettings settings, final RejectionLog rejections,
                    final Clock clock) {
        this.maxRecordBytes = maxRecordBytes;
        this.settings = settings;
        this.rejections = rejections;
        this.clock = clock;
    }

    /** The record, or the dead letter it becomes when it is larger than the producer takes. */
    BridgeRecord apply(final InboundMessage message, final BridgeRecord record) {
        if (record.isDeadLetter()) {
            return record;
        }
        final long size = sizeOf(record);
        return size <= maxRecordBytes ? record : deadLetter(message, record, size);
    }

    /** An upper bound of the record's size in a batch of its own, as the producer checks it. */
    static long sizeOf(final BridgeRecord record) {
        long size = RECORD_OVERHEAD + VARINT + utf8Length(record.key()) + VARINT + record.value().length + VARINT;
        for (final BridgeRecord.Header header : record.headers()) {
            size += VARINT + utf8Length(header.name()) + VARINT + utf8Length(header.value());
        }
        return size;
    }

    /** The UTF-8 length of a text, without encoding it; 0 for none. */
    static int utf8Length(final String text) {
        if (text == null) {
            return 0;
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2; // a surrogate pair is 4 bytes
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private BridgeRecord deadLetter(final InboundMessage message, final BridgeRecord record, final long size) {
        final String topic = bounded(message.topic(), MAX_TEXT_CHARS);
        final String detail = "with its key (" + utf8Length(record.key()) + " bytes) and headers (a topic of "
                + message.topic().length() + " characters) the record would have " + size + " bytes, more than the "
                + maxRecordBytes + " the producer takes (max.request.size)";
        rejections.rejected(RejectReason.OVERSIZE, detail, topic);
        final byte[] payload = message.payload();
        final byte[] excerpt = payload.length <= settings.dlqExcerptBytes()
                ? payload : Arrays.copyOf(payload, settings.dlqExcerptBytes());
        final List<BridgeRecord.Header> headers = new ArrayList<>(record.headers().size() + 7);
        for (final BridgeRecord.Header header : record.headers()) {
            headers.add(MqttHeaders.TOPIC.equals(header.name()) ? new BridgeRecord.Header(MqttHeaders.TOPIC, topic)
                    : header);
        }
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.REASON, RejectReason.OVERSIZE.name()));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.DETAIL, detail));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.REJECTED_BY, settings.rejectedBy()));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.REJECTED_AT, clock.instant().toString()));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.SOURCE_TOPIC, topic));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.PAYLOAD_BYTES, Integer.toString(payload.length)));
        headers.add(new BridgeRecord.Header(DeadLetterHeaders.PAYLOAD_TRUNCATED,
                Boolean.toString(excerpt.length < payload.length)));
        return new BridgeRecord(settings.dlqTopic(), bounded(record.key(), MAX_KEY_CHARS), excerpt, record.timestamp(),
                headers, new Rejection(RejectReason.OVERSIZE, detail));
    }

    private static String bounded(final String text, final int maxChars) {
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars);
    }
}
