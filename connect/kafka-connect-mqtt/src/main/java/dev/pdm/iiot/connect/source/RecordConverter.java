package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.bridge.BridgeConverter;
import dev.pdm.iiot.bridge.BridgeRecord;
import dev.pdm.iiot.bridge.InboundMessage;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.Map;

/**
 * Turns a received MQTT message into its Connect record through the conversion both bridges share
 * ({@link BridgeConverter}): the key as an optional {@link Schema#STRING_SCHEMA} value, the payload
 * (or a dead letter's excerpt) as {@link Schema#BYTES_SCHEMA}, every header as a string. With the
 * worker's usual converters (a {@code StringConverter} key, a {@code ByteArrayConverter} value, the
 * default {@code SimpleHeaderConverter}) the record in Kafka is byte for byte the one the HiveMQ
 * extension writes for the same message.
 * A record that would be larger than the producer takes ({@code max.request.size}) is a dead letter
 * already (see {@link BridgeConverter}).
 */
public final class RecordConverter {

    private final BridgeConverter bridge;

    public RecordConverter(final BridgeConverter bridge) {
        this.bridge = bridge;
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
        final BridgeRecord record = bridge.convert(inbound);
        final ConnectHeaders headers = new ConnectHeaders();
        for (final BridgeRecord.Header header : record.headers()) {
            headers.addString(header.name(), header.value());
        }
        return new SourceRecord(partition, offset, record.topic(), null, Schema.OPTIONAL_STRING_SCHEMA, record.key(),
                Schema.BYTES_SCHEMA, record.value(), record.timestamp(), headers);
    }
}
