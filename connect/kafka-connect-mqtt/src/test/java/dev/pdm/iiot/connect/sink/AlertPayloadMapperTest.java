package dev.pdm.iiot.connect.sink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Severity;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertPayloadMapperTest {

    private static final Alert ALERT = new Alert("MACHINE_003:ANOMALY:1", "MACHINE_003",
            Instant.parse("2025-11-21T21:28:04.512Z"), -0.71, Map.of("temperature", 82.4), Severity.WARNING,
            "Schedule inspection: Temperature exceeds safe threshold", null, null, 4, null, null, Severity.CRITICAL,
            null, 1, 0.71, 0.62, null, null, null, null, null);

    @Test
    void unchangedPublishesTheValueAsItIs() {
        final byte[] value = EventJson.toBytes(ALERT);

        assertThat(new AlertPayloadMapper(PayloadFormat.UNCHANGED).payloadOf(value, null)).isSameAs(value);
    }

    @Test
    void prototypeKeepsExactlyTheSevenFieldsInTheirOrder() throws Exception {
        final byte[] value = EventJson.toBytes(ALERT);

        final byte[] payload = new AlertPayloadMapper(PayloadFormat.PROTOTYPE).payloadOf(value, null);

        final JsonNode out = EventJson.newMapper().readTree(payload);
        assertThat(out.fieldNames()).toIterable().containsExactlyElementsOf(AlertPayloadMapper.PROTOTYPE_FIELDS);
        assertThat(out.get("anomaly_score").asDouble()).isEqualTo(-0.71);
        assertThat(out.get("severity").asText()).isEqualTo("WARNING");
        assertThat(out.get("timestamp").asText()).isEqualTo("2025-11-21T21:28:04.512Z");
        assertThat(out.get("metrics").get("temperature").asDouble()).isEqualTo(82.4);
        assertThat(EventJson.fromJson(new String(payload, StandardCharsets.UTF_8), Alert.class).alertId())
                .isEqualTo("MACHINE_003:ANOMALY:1");
    }

    @Test
    void prototypeRefusesAValueThatIsNoAlert() {
        final AlertPayloadMapper mapper = new AlertPayloadMapper(PayloadFormat.PROTOTYPE);

        assertThatThrownBy(() -> mapper.payloadOf("{\"machine_id\":\"M1\"}".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(DataException.class).hasMessageContaining("alert_id");
        assertThatThrownBy(() -> mapper.payloadOf("not json".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(DataException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> mapper.payloadOf("[1]".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(DataException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void readsTheValuesOfTheUsualConverters() {
        assertThat(AlertPayloadMapper.bytesOf("{}")).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(AlertPayloadMapper.bytesOf(Map.of("a", List.of(1))), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[1]}");
        final Struct struct = new Struct(SchemaBuilder.struct().field("a", SchemaBuilder.int32()).build()).put("a", 1);
        assertThatThrownBy(() -> AlertPayloadMapper.bytesOf(struct))
                .isInstanceOf(DataException.class).hasMessageContaining("ByteArrayConverter");
    }
}
