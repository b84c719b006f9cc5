package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.bridge.BridgeConverter;
import dev.pdm.iiot.bridge.BridgeRecord;
import dev.pdm.iiot.bridge.BridgeSettings;
import dev.pdm.iiot.bridge.KeySource;
import dev.pdm.iiot.bridge.MqttHeaders;
import dev.pdm.iiot.bridge.RecordSize;
import dev.pdm.iiot.bridge.RejectionLog;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.validation.RejectReason;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class RecordConverterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = RecordSize.KAFKA_DEFAULT_MAX_REQUEST_SIZE;

    private final RejectionLog rejections = new RejectionLog("machine-telemetry-dlq");

    private RecordConverter converter(final KeySource keys, final int payloadMaxBytes, final int maxRecordBytes) {
        final BridgeSettings settings = new BridgeSettings("machine-telemetry", "machine-telemetry-dlq", keys, 2,
                "machine_id", false, payloadMaxBytes, 1024, maxRecordBytes, "mqtt-source");
        return new RecordConverter(new BridgeConverter(settings, rejections, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static SourceRecord convert(final RecordConverter converter, final String topic, final byte[] payload) {
        final ReceivedMessage message = new ReceivedMessage(0, 1L, 1L, topic, payload, 1, false, false, 7, NOW);
        return converter.convert(message, Map.of("mqtt.client.id", "readings-0-0"), Map.of("received", 1L));
    }

    private static String header(final SourceRecord record, final String name) {
        final Header header = record.headers().lastWithName(name);
        return header == null ? null : (String) header.value();
    }

    /** The size the producer checks against max.request.size, with the converters the README names. */
    private static int kafkaEstimate(final SourceRecord record) {
        final byte[] key = record.key() == null ? null : ((String) record.key()).getBytes(StandardCharsets.UTF_8);
        final org.apache.kafka.common.header.Header[] headers = new org.apache.kafka.common.header.Header[
                record.headers().size()];
        int i = 0;
        for (final Header header : record.headers()) {
            headers[i++] = new RecordHeader(header.key(), ((String) header.value()).getBytes(StandardCharsets.UTF_8));
        }
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key, (byte[]) record.value(), headers);
    }

    private static byte[] padded(final String head, final int size) {
        final String tail = "\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void forwardsAMessageWithinTheLimitUnchanged() {
        final byte[] payload = "{\"machine_id\":\"MACHINE_001\",\"rpm\":1500}".getBytes(StandardCharsets.UTF_8);

        final SourceRecord record = convert(converter(KeySource.TOPIC, 16_384, KAFKA_DEFAULT_MAX_REQUEST_SIZE),
                "factory/machines/MACHINE_001/sensors", payload);

        assertThat(record.topic()).isEqualTo("machine-telemetry");
        assertThat(record.key()).isEqualTo("MACHINE_001");
        assertThat((byte[]) record.value()).isEqualTo(payload);
        assertThat(header(record, MqttHeaders.TOPIC)).isEqualTo("factory/machines/MACHINE_001/sensors");
        assertThat(header(record, DeadLetterHeaders.REASON)).isNull();
        assertThat(rejections.total()).isZero();
    }

    @Test
    void aLongTopicThatWouldMakeTheRecordTooLargeForKafkaSendsItToTheDeadLetterTopicTrimmed() {
        final String machine = "M".repeat(60_000);
        final String topic = "factory/machines/" + machine + "/sensors";
        final byte[] payload = padded("{\"rpm\":1500,\"pad\":\"", 990_000);

        final SourceRecord record = convert(converter(KeySource.TOPIC, BridgeSettings.MAX_PAYLOAD_BYTES,
                KAFKA_DEFAULT_MAX_REQUEST_SIZE), topic, payload);

        assertThat(record.topic()).isEqualTo("machine-telemetry-dlq");
        assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("OVERSIZE");
        assertThat(header(record, DeadLetterHeaders.DETAIL)).contains("1048576").contains("max.request.size");
        assertThat(header(record, DeadLetterHeaders.PAYLOAD_BYTES)).isEqualTo("990000");
        assertThat(header(record, DeadLetterHeaders.PAYLOAD_TRUNCATED)).isEqualTo("true");
        assertThat(header(record, DeadLetterHeaders.REJECTED_BY)).isEqualTo("mqtt-source");
        assertThat(header(record, DeadLetterHeaders.REJECTED_AT)).isEqualTo(NOW.toString());
        assertThat(header(record, DeadLetterHeaders.SOURCE_TOPIC)).hasSize(1024)
                .isEqualTo(topic.substring(0, 1024));
        assertThat(header(record, MqttHeaders.TOPIC)).hasSize(1024);
        assertThat(header(record, MqttHeaders.QOS)).isEqualTo("1");
        assertThat((String) record.key()).hasSize(256);
        assertThat((byte[]) record.value()).hasSize(1024).isEqualTo(Arrays.copyOf(payload, 1024));
        assertThat(kafkaEstimate(record)).isLessThan(16 * 1024);
        assertThat(rejections.count(RejectReason.OVERSIZE)).isEqualTo(1);
    }

    @Test
    void aKeyTakenFromAHugePayloadFieldCannotMakeARecordKafkaRefuses() {
        final byte[] payload = padded("{\"rpm\":1500,\"machine_id\":\"", 600_000);

        final SourceRecord record = convert(converter(KeySource.JSON, BridgeSettings.MAX_PAYLOAD_BYTES,
                KAFKA_DEFAULT_MAX_REQUEST_SIZE), "factory/machines/MACHINE_001/sensors", payload);

        assertThat(record.topic()).isEqualTo("machine-telemetry-dlq");
        assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("OVERSIZE");
        assertThat((String) record.key()).hasSize(256);
        assertThat(kafkaEstimate(record)).isLessThan(KAFKA_DEFAULT_MAX_REQUEST_SIZE);
    }

    @Test
    void followsASmallerProducerLimitTheConnectorSets() {
        final byte[] fits = padded("{\"rpm\":1500,\"pad\":\"", 9_000);
        final byte[] tooLarge = padded("{\"rpm\":1500,\"pad\":\"", 12_000);
        final RecordConverter converter = converter(KeySource.TOPIC, 16_384, 10_000);

        assertThat(convert(converter, "factory/machines/MACHINE_001/sensors", fits).topic())
                .isEqualTo("machine-telemetry");
        final SourceRecord rejected = convert(converter, "factory/machines/MACHINE_001/sensors", tooLarge);
        assertThat(rejected.topic()).isEqualTo("machine-telemetry-dlq");
        assertThat(rejected.key()).isEqualTo("MACHINE_001");
        assertThat(header(rejected, DeadLetterHeaders.DETAIL)).contains("more than the 10000");
    }

    @Test
    void aDeadLetterTakesAtMostItsExcerptAndTheDeadLetterOverheadWhateverArrived() {
        final String topic = "factory/machines/" + "機".repeat(5_000) + "/sensors";
        final byte[] payload = padded("{\"rpm\":1500,\"pad\":\"", 100_000);

        final SourceRecord record = convert(converter(KeySource.TOPIC, 16_384, KAFKA_DEFAULT_MAX_REQUEST_SIZE),
                topic, payload);

        assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("OVERSIZE");
        assertThat(kafkaEstimate(record)).isLessThanOrEqualTo(1024 + RecordSize.DEAD_LETTER_OVERHEAD);
    }

    @Test
    void neverCountsARecordSmallerThanTheProducerDoes() {
        final RecordConverter converter = converter(KeySource.TOPIC, BridgeSettings.MAX_PAYLOAD_BYTES,
                KAFKA_DEFAULT_MAX_REQUEST_SIZE);
        for (final String machine : List.of("MACHINE_001", "MÄSCHINE_ü", "機械_001", "\uD83D\uDE00".repeat(50))) {
            final String topic = "factory/machines/" + machine + "/sensors";
            final byte[] payload = padded("{\"machine_id\":\"" + machine + "\",\"pad\":\"", 5_000);
            final SourceRecord record = convert(converter, topic, payload);
            final BridgeRecord bridged = new BridgeRecord(record.topic(), (String) record.key(),
                    (byte[]) record.value(), 0L, StreamSupport.stream(record.headers().spliterator(),
                            false).map(h -> new BridgeRecord.Header(h.key(), (String) h.value())).toList(), null);

            assertThat(RecordSize.of(bridged)).as(machine).isGreaterThanOrEqualTo(kafkaEstimate(record));
            assertThat(RecordSize.utf8Length(topic)).isEqualTo(topic.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
