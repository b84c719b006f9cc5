package dev.pdm.iiot.bridge;

import dev.pdm.iiot.bridge.testing.HostilePayloads;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.validation.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BridgeConverterTest {

    private static final Instant ARRIVAL = Instant.parse("2025-11-21T21:27:23Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-21T21:27:24Z"), ZoneOffset.UTC);
    private static final String TOPIC = "factory/machines/MACHINE_003/sensors";
    private static final String READING = "{\"machine_id\": \"MACHINE_003\", \"timestamp\": \"2025-11-21T21:27:22.123456\", "
            + "\"temperature\": 82.4, \"vibration\": 4.67, \"current\": 14.2, \"pressure\": 6.01, \"rpm\": 1431}";

    private static BridgeSettings settings(final boolean validation, final int payloadMax, final int excerpt) {
        return new BridgeSettings("machine-telemetry", "machine-telemetry-dlq", KeySource.TOPIC, 2, "machine_id",
                validation, payloadMax, excerpt, RecordSize.KAFKA_DEFAULT_MAX_REQUEST_SIZE, "test-bridge");
    }

    private static BridgeConverter converter(final BridgeSettings settings) {
        return new BridgeConverter(settings, new RejectionLog(settings.dlqTopic()), CLOCK);
    }

    private static BridgeConverter validating() {
        return converter(BridgeSettings.readings("test-bridge"));
    }

    private static InboundMessage message(final String topic, final String payload, final boolean dup) {
        return message(topic, payload.getBytes(StandardCharsets.UTF_8), dup);
    }

    private static InboundMessage message(final String topic, final byte[] payload, final boolean dup) {
        return new InboundMessage(topic, payload, 1, dup, false, ARRIVAL);
    }

    @Test
    void passesThePayloadUnchangedKeyedByTheTopicsMachine() {
        final InboundMessage message = message(TOPIC, READING, false);

        final BridgeRecord record = validating().convert(message);

        assertThat(record.topic()).isEqualTo("machine-telemetry");
        assertThat(record.key()).isEqualTo("MACHINE_003");
        assertThat(record.value()).isSameAs(message.payload());
        assertThat(record.timestamp()).isEqualTo(ARRIVAL.toEpochMilli());
        assertThat(record.isDeadLetter()).isFalse();
    }

    @Test
    void carriesTopicQosDupRetainAndArrivalInHeaders() {
        final BridgeRecord record = validating().convert(message(TOPIC, READING, true));

        assertThat(record.headers()).extracting(BridgeRecord.Header::name).containsExactly(MqttHeaders.TOPIC,
                MqttHeaders.QOS, MqttHeaders.DUP, MqttHeaders.RETAINED, MqttHeaders.ARRIVAL);
        assertThat(record.header(MqttHeaders.TOPIC)).isEqualTo(TOPIC);
        assertThat(record.header(MqttHeaders.QOS)).isEqualTo("1");
        assertThat(record.header(MqttHeaders.DUP)).isEqualTo("true");
        assertThat(record.header(MqttHeaders.RETAINED)).isEqualTo("false");
        assertThat(record.header(MqttHeaders.ARRIVAL)).isEqualTo("2025-11-21T21:27:23Z");
    }

    @Test
    void takesTheKeyFromTheJsonFieldWhenConfigured() {
        final BridgeSettings json = new BridgeSettings("t", "dlq", KeySource.JSON, 2, "machine_id", false, 100, 10,
                RecordSize.KAFKA_DEFAULT_MAX_REQUEST_SIZE, "b");

        assertThat(converter(json).convert(message("other/topic", READING, false)).key()).isEqualTo("MACHINE_003");
    }

    @Test
    void forwardsAMessageWithoutAKeyRatherThanDropIt() {
        final BridgeConverter converter = converter(settings(false, 16_384, 1024));

        final BridgeRecord record = converter.convert(message("plant", READING, false));

        assertThat(record.topic()).isEqualTo("machine-telemetry");
        assertThat(record.key()).isNull();
        assertThat(converter.keyless()).isEqualTo(1);
    }

    @Test
    void withoutValidationPassesEvenMalformedPayloads() {
        final BridgeRecord record = converter(settings(false, 16_384, 1024)).convert(message(TOPIC, "{not json", false));

        assertThat(record.topic()).isEqualTo("machine-telemetry");
    }

    @Test
    void routesAnOversizePayloadToTheDeadLetterTopicEvenWithoutValidation() {
        final BridgeRecord record = converter(settings(false, 100, 1024)).convert(message(TOPIC, READING, false));

        assertThat(record.topic()).isEqualTo("machine-telemetry-dlq");
        assertThat(record.key()).isEqualTo("MACHINE_003");
        assertThat(record.rejection().reason()).isEqualTo(RejectReason.OVERSIZE);
        assertThat(record.header(DeadLetterHeaders.REASON)).isEqualTo("OVERSIZE");
        assertThat(record.header(DeadLetterHeaders.DETAIL)).contains("the limit is 100");
        assertThat(record.header(DeadLetterHeaders.REJECTED_BY)).isEqualTo("test-bridge");
        assertThat(record.header(DeadLetterHeaders.REJECTED_AT)).isEqualTo("2025-11-21T21:27:24Z");
        assertThat(record.header(DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
        assertThat(record.header(MqttHeaders.TOPIC)).isEqualTo(TOPIC);
    }

    @Test
    void aDeadLetterCarriesOnlyAnExcerptOfALargePayloadAndSaysSo() {
        final byte[] payload = new byte[2 * 1024 * 1024];
        Arrays.fill(payload, (byte) 'x');

        final BridgeRecord record = validating().convert(message(TOPIC, payload, false));

        assertThat(record.rejection().reason()).isEqualTo(RejectReason.OVERSIZE);
        assertThat(record.value()).hasSize(BridgeSettings.DEFAULT_DLQ_EXCERPT_BYTES)
                .isEqualTo(Arrays.copyOf(payload, BridgeSettings.DEFAULT_DLQ_EXCERPT_BYTES));
        assertThat(record.header(DeadLetterHeaders.PAYLOAD_BYTES)).isEqualTo("2097152");
        assertThat(record.header(DeadLetterHeaders.PAYLOAD_TRUNCATED)).isEqualTo("true");
    }

    @Test
    void aDeadLetterWithinTheExcerptLimitCarriesItsWholePayload() {
        final InboundMessage message = message(TOPIC, "{\"machine_id\": \"MACHINE_003\", \"rpm\": NaN}", false);

        final BridgeRecord record = validating().convert(message);

        assertThat(record.value()).isEqualTo(message.payload());
        assertThat(record.header(DeadLetterHeaders.PAYLOAD_BYTES)).isEqualTo(String.valueOf(message.payload().length));
        assertThat(record.header(DeadLetterHeaders.PAYLOAD_TRUNCATED)).isEqualTo("false");
    }

    @Test
    void boundsWhatADeadLetterTakesFromAHostileTopic() {
        final String machine = "M".repeat(5_000);
        final String topic = "factory/machines/" + machine + "/sensors";

        final BridgeRecord record = validating().convert(message(topic, "{}", false));

        assertThat(record.isDeadLetter()).isTrue();
        assertThat(record.key()).hasSize(BridgeConverter.MAX_DEAD_LETTER_KEY_CHARS);
        assertThat(record.header(MqttHeaders.TOPIC)).hasSize(BridgeConverter.MAX_DEAD_LETTER_TEXT_CHARS);
        assertThat(record.header(DeadLetterHeaders.SOURCE_TOPIC)).hasSize(BridgeConverter.MAX_DEAD_LETTER_TEXT_CHARS);
        assertThat(record.header(DeadLetterHeaders.DETAIL).length()).isLessThanOrEqualTo(
                BridgeConverter.MAX_DEAD_LETTER_TEXT_CHARS);
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
        final InboundMessage message = message(TOPIC, payload, false);

        final BridgeRecord record = validating().convert(message);

        assertThat(record.topic()).isEqualTo("machine-telemetry-dlq");
        assertThat(record.key()).isEqualTo("MACHINE_003");
        assertThat(record.value()).isEqualTo(message.payload());
        assertThat(record.header(DeadLetterHeaders.REASON)).isEqualTo(reason.name());
        assertThat(record.header(DeadLetterHeaders.DETAIL)).isNotBlank();
        assertThat(record.header(DeadLetterHeaders.REJECTED_BY)).isEqualTo("test-bridge");
        assertThat(record.header(DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
    }

    @Test
    void turnsEveryHostilePayloadIntoABoundedDeadLetterWithItsReason() {
        final BridgeConverter converter = validating();
        for (final HostilePayloads.Case hostile : HostilePayloads.all("MACHINE_003")) {
            final BridgeRecord record = converter.convert(message(TOPIC, hostile.payload(), false));

            assertThat(record.isDeadLetter()).as(hostile.name()).isTrue();
            assertThat(record.rejection().reason()).as(hostile.name())
                    .isEqualTo(hostile.refusedByTheBroker() ? RejectReason.OVERSIZE : hostile.reason());
            assertThat(record.value().length).as(hostile.name())
                    .isLessThanOrEqualTo(BridgeSettings.DEFAULT_DLQ_EXCERPT_BYTES);
        }
    }

    @Test
    void countsRejectionsPerReason() {
        final BridgeConverter converter = validating();

        for (int i = 0; i < 3; i++) {
            converter.convert(message(TOPIC, "oops", false));
        }
        converter.convert(message(TOPIC, "[]", false));

        assertThat(converter.rejections().count(RejectReason.MALFORMED_JSON)).isEqualTo(3);
        assertThat(converter.rejections().count(RejectReason.NOT_AN_OBJECT)).isEqualTo(1);
        assertThat(converter.rejections().total()).isEqualTo(4);
    }

    @Test
    void aRecordLargerThanTheProducerSendsWithItsKeyAndHeadersIsADeadLetter() {
        final BridgeSettings json = new BridgeSettings("machine-telemetry", "machine-telemetry-dlq", KeySource.JSON, 2,
                "machine_id", false, 100_000, 1024, 20_000, "test-bridge");
        final String hugeKey = "K".repeat(30_000);

        final BridgeRecord record = converter(json).convert(message(TOPIC,
                "{\"machine_id\": \"" + hugeKey + "\", \"rpm\": 1}", false));

        assertThat(record.isDeadLetter()).isTrue();
        assertThat(record.rejection().reason()).isEqualTo(RejectReason.OVERSIZE);
        assertThat(record.header(DeadLetterHeaders.DETAIL)).contains("more than the 20000 the producer sends");
        assertThat(record.key()).hasSize(BridgeConverter.MAX_DEAD_LETTER_KEY_CHARS);
        assertThat(RecordSize.of(record)).isLessThanOrEqualTo(1024 + RecordSize.DEAD_LETTER_OVERHEAD);
    }

    @Test
    void measuresTextAsUtf8() {
        for (final String text : new String[]{"MACHINE_001", "Maschine für Öl", "泵站", "\uD83D\uDE80 rocket", ""}) {
            assertThat(RecordSize.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
        assertThat(RecordSize.utf8Length(null)).isZero();
    }

    @Test
    void refusesSettingsThatCouldMakeARecordKafkaRefuses() {
        assertThatThrownBy(() -> settings(true, BridgeSettings.MAX_PAYLOAD_BYTES + 1, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload limit");
        assertThatThrownBy(() -> settings(true, 16_384, BridgeSettings.MAX_DLQ_EXCERPT_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("excerpt");
    }
}
