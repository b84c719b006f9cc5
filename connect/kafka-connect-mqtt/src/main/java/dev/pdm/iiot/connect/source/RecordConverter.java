package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.bridge.BridgeConverter;
import dev.pdm.iiot.bridge.BridgeRecord;
import dev.pdm.iiot.bridge.InboundMessage;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

import java.time.Clock;
import java.util.Map;

/**
 * Turns a received MQTT message into its Connect record through the conversion both bridges share
 * ({@link BridgeConverter}): the key as an optional {@link Schema#STRING_SCHEMA} value, the payload
 * (or a dead letter's excerpt) as {@link Schema#BYTES_SCHEMA}, every header as a string. With the
 * worker's usual converters (a {@code StringConverter} key, a {@code ByteArrayConverter} value, the
 * default {@code SimpleHeaderConverter}) the record in Kafka is byte for byte the one the HiveMQ
 * extension writes for the same message.
 *
 * <p>A record on the topic that would be larger than the producer takes (with a long topic as its
 * key and header, or a large key from the payload) becomes an {@code OVERSIZE} dead letter
 * ({@link RecordSizeLimit}), so that the source makes no record Kafka refuses for its size.
 */
public final class RecordConverter {

    private final BridgeConverter bridge;
    private final RecordSizeLimit limit;

    /** @param maxRecordBytes the largest record the producer takes ({@code max.request.size}) */
    public RecordConverter(final BridgeConverter bridge, final int maxRecordBytes, final Clock clock) {
        this.bridge = bridge;
        this.limit = new RecordSizeLimit(maxRecordBytes, bridge.settings(), bridge.rejections(), clock);
    }

    public String topic() {
        return bridge.settings().topic();
    }

    public String dlqTopic() {
        return bridge.settings().dlqTopic();
    }

    /** The record for a message: on the topic, or on the dead-letter topic with the reason. */
    public SourceRecord convert(final ReceivedMessage message, final Map<String, ?> partition,
                                final Map<String, ?> offset) {
        final InboundMessage inbound = new InboundMessage(message.topic(), message.payload(), message.qos(),
                message.duplicate(), message.retained(), message.arrival());
        final BridgeRecord record = limit.apply(inbound, bridge.convert(inbound));
        final ConnectHeaders headers = new ConnectHeaders();
        for (final BridgeRecord.Header header : record.headers()) {
            headers.addString(header.name(), header.value());
        }
        return new SourceRecord(partition, offset, record.topic(), null, Schema.OPTIONAL_STRING_SCHEMA, record.key(),
                Schema.BYTES_SCHEMA, record.value(), record.timestamp(), headers);
    }
}
