package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.connect.config.MqttSourceConfig;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.validation.RejectReason;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordConverterTest {

    private static final Instant ARRIVAL = Instant.parse("2025-11-21T21:27:23Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-21T21:27:24Z"), ZoneOffset.UTC);
    private static final String TOPIC = "factory/machines/MACHINE_003/sensors";
    private static final String READING = "{\"machine_id\": \"MACHINE_003\", \"timestamp\": \"2025-11-21T21:27:22.123456\", "
            + "\"temperature\": 82.4, \"vibration\": 4.67, \"current\": 14.2, \"pressure\": 6.01, \"rpm\": 1431}";
    private static final Map<String, String> PARTITION = SourceOffsets.partition("tcp://b:1883", "src-0-0");

    private RecordConverter converter(final String... keyValues) {
        final Map<String, String> props = new HashMap<>();
        props.put("mqtt.server.uri", "tcp://b:1883");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        final MqttSourceConfig config = new MqttSourceConfig(props);
        return new RecordConverter(config, new RejectionLog(config.dlqTopic()), CLOCK);
    }

    private static ReceivedMessage message(final String topic, final String payload, final boolean dup) {
        return new ReceivedMessage(0, 7, 1, topic, payload.getBytes(StandardCharsets.UTF_8), 1, dup, false, 12, ARRIVAL);
    }

    private static String header(final SourceRecord record, final String key) {
        final Header header = record.headers().lastWithName(key);
        return header == null ? null : String.valueOf(header.value());
    }

    @Test
    void passesThePayloadUnchangedKeyedByTheTopicsMachine() {
        final ReceivedMessage message = message(TOPIC, READING, false);

        final SourceRecord record = converter().convert(message, PARTITION, SourceOffsets.offset(7));

        assertThat(record.topic()).isEqualTo("machine-telemetry");
        assertThat(record.key()).isEqualTo("MACHINE_003");
        assertThat(record.keySchema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(record.valueSchema()).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat(record.value()).isSameAs(message.payload());
        assertThat(record.timestamp()).isEqualTo(ARRIVAL.toEpochMilli());
        assertThat(record.sourcePartition()).isEqualTo(PARTITION);
        assertThat(record.sourceOffset()).isEqualTo(Map.of("received", 7L));
        assertThat(record.kafkaPartition()).isNull();
    }

    @Test
    void carriesTopicQosDupRetainAndArrivalInHeaders() {
        final SourceRecord record = converter().convert(message(TOPIC, READING, true), PARTITION, SourceOffsets.offset(7));

        assertThat(header(record, MqttHeaders.TOPIC)).isEqualTo(TOPIC);
        assertThat(header(record, MqttHeaders.QOS)).isEqualTo("1");
        assertThat(header(record, MqttHeaders.DUP)).isEqualTo("true");
        assertThat(header(record, MqttHeaders.RETAINED)).isEqualTo("false");
        assertThat(header(record, MqttHeaders.ARRIVAL)).isEqualTo("2025-11-21T21:27:23Z");
        assertThat(header(record, DeadLetterHeaders.REASON)).isNull();
    }

    @Test
    void takesTheKeyFromTheJsonFieldWhenConfigured() {
        final SourceRecord record = converter("kafka.key.source", "json")
                .convert(message("other/topic", READING, false), PARTITION, SourceOffsets.offset(1));

        assertThat(record.key()).isEqualTo("MACHINE_003");
    }

    @Test
    void forwardsAMessageWithoutAKeyRatherThanDropIt() {
        final SourceRecord record = converter().convert(message("plant", READING, false), PARTITION, SourceOffsets.offset(1));

        assertThat(record.topic()).isEqualTo("machine-telemetry");
        assertThat(record.key()).isNull();
    }

    @Test
    void withoutValidationPassesEvenMalformedPayloads() {
        final SourceRecord record = converter().convert(message(TOPIC, "{not json", false), PARTITION, SourceOffsets.offset(1));

        assertThat(record.topic()).isEqualTo("machine-telemetry");
    }

    @Test
    void routesAnOversizePayloadToTheDeadLetterTopicEvenWithoutValidation() {
        final RecordConverter converter = converter("payload.max.bytes", "100");

        final SourceRecord record = converter.convert(message(TOPIC, READING, false), PARTITION, SourceOffsets.offset(1));

        assertThat(record.topic()).isEqualTo("machine-telemetry-dlq");
        assertThat(record.key()).isEqualTo("MACHINE_003");
        assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("OVERSIZE");
        assertThat(header(record, DeadLetterHeaders.DETAIL)).contains("the limit is 100");
        assertThat(header(record, DeadLetterHeaders.REJECTED_BY)).isEqualTo("mqtt-source");
        assertThat(header(record, DeadLetterHeaders.REJECTED_AT)).isEqualTo("2025-11-21T21:27:24Z");
        assertThat(header(record, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(record, MqttHeaders.TOPIC)).isEqualTo(TOPIC);
    }

    @Test
    void withValidationForwardsAValidReading() {
        final SourceRecord record = converter("validation.enabled", "true")
                .convert(message(TOPIC, READING, false), PARTITION, SourceOffsets.offset(1));

        assertThat(record.topic()).isEqualTo("machine-telemetry");
        assertThat(header(record, DeadLetterHeaders.REASON)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MALFORMED_JSON|{\"machine_id\": \"MACHINE_003\", \"temperature\": ",
        "NOT_AN_OBJECT|[1, 2, 3]",
        "MISSING_FIELD|{\"temperature\": 80.1}",
        "WRONG_TYPE|{\"machine_id\": \"MACHINE_003\", \"temperature\": \"hot\"}",
        "NON_FINITE|{\"machine_id\": \"MACHINE_003\", \"temperature\": NaN}",
        "OUT_OF_RANGE|{\"machine_id\": \"MACHINE_003\", \"temperature\": 9000}",
        "INVALID_TIMESTAMP|{\"machine_id\": \"MACHINE_003\", \"timestamp\": \"yesterday\", \"rpm\": 1}",
        "UNKNOWN_SCHEMA_VERSION|{\"machine_id\": \"MACHINE_003\", \"schema_version\": 9, \"rpm\": 1}",
        "NO_SENSOR_VALUES|{\"machine_id\": \"MACHINE_003\"}",
        "KEY_MISMATCH|{\"machine_id\": \"MACHINE_004\", \"rpm\": 1500}",
        "EMPTY_PAYLOAD|''",
    })
    void withValidationRoutesEachKindOfBadPayloadToTheDeadLetterTopicWithItsReason(final RejectReason reason,
                                                                                  final String payload) {
        final RecordConverter converter = converter("validation.enabled", "true");
        final ReceivedMessage message = message(TOPIC, payload, false);

        final SourceRecord record = converter.convert(message, PARTITION, SourceOffsets.offset(1));

        assertThat(record.topic()).isEqualTo("machine-telemetry-dlq");
        assertThat(record.key()).isEqualTo("MACHINE_003");
        assertThat(record.value()).isSameAs(message.payload());
        assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo(reason.name());
        assertThat(header(record, DeadLetterHeaders.DETAIL)).isNotBlank();
        assertThat(header(record, DeadLetterHeaders.REJECTED_BY)).isEqualTo("mqtt-source");
        assertThat(header(record, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
        assertThat(record.sourceOffset()).isEqualTo(Map.of("received", 1L));
    }

    @Test
    void countsRejectionsPerReason() {
        final Map<String, String> props = Map.of("mqtt.server.uri", "tcp://b:1883", "validation.enabled", "true");
        final RejectionLog log = new RejectionLog("machine-telemetry-dlq");
        final RecordConverter converter = new RecordConverter(new MqttSourceConfig(props), log, CLOCK);

        for (int i = 0; i < 3; i++) {
            converter.convert(message(TOPIC, "oops", false), PARTITION, SourceOffsets.offset(i));
        }
        converter.convert(message(TOPIC, "[]", false), PARTITION, SourceOffsets.offset(4));

        assertThat(log.count(RejectReason.MALFORMED_JSON)).isEqualTo(3);
        assertThat(log.count(RejectReason.NOT_AN_OBJECT)).isEqualTo(1);
        assertThat(log.total()).isEqualTo(4);
    }
}
