package dev.pdm.iiot.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.FeatureStats;
import dev.pdm.iiot.events.model.MachineCommand;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventRoundTripTest {

    static final Instant T0 = Instant.parse("2025-11-21T21:27:22.123456Z");
    static final ObjectMapper PLAIN = new ObjectMapper();

    static Map<String, Double> values() {
        final Map<String, Double> v = new LinkedHashMap<>();
        v.put("temperature", 82.4);
        v.put("vibration", 4.67);
        v.put("current", 14.2);
        v.put("pressure", 6.01);
        v.put("rpm", 1431.0);
        return v;
    }

    static Alert fullAlert() {
        return new Alert("MACHINE_003:ANOMALY:1", "MACHINE_003", T0.plusSeconds(30), -0.71, values(),
                Severity.WARNING, "Schedule inspection: Temperature exceeds safe threshold", Alert.TYPE_ANOMALY,
                AlertStatus.ACTIVE_ACK, 4, T0, T0.plusSeconds(30), Severity.CRITICAL,
                List.of(new Contributor("temperature", 82.4, 70.1, 1.5, 8.2, Contributor.Direction.ABOVE)),
                2, 0.71, 0.62, "maria", T0.plusSeconds(20), null, null, null);
    }

    private static <T> T roundTrip(final JsonSerde<T> serde, final T event) {
        return serde.deserialize("t", serde.serialize("t", event));
    }

    private static JsonNode jsonOf(final JsonSerde<?> serde, final Object event) throws Exception {
        @SuppressWarnings("unchecked") final JsonSerde<Object> s = (JsonSerde<Object>) serde;
        return PLAIN.readTree(s.serialize("t", event));
    }

    @Test
    void readingRoundTripsAsTheFlatPrototypeObject() throws Exception {
        final TelemetryReading reading = new TelemetryReading("MACHINE_003", T0, values(), 1, 7L);

        assertThat(roundTrip(EventSerdes.reading(), reading)).isEqualTo(reading);
        final JsonNode json = jsonOf(EventSerdes.reading(), reading);
        assertThat(json.get("machine_id").asText()).isEqualTo("MACHINE_003");
        assertThat(json.get("timestamp").asText()).isEqualTo("2025-11-21T21:27:22.123456Z");
        assertThat(json.get("temperature").asDouble()).isEqualTo(82.4);
        assertThat(json.get("schema_version").asInt()).isEqualTo(1);
        assertThat(json.get("seq").asLong()).isEqualTo(7L);
    }

    @Test
    void aPrototypeReadingLeavesOutThePlatformsOptionalFields() throws Exception {
        final JsonNode json = jsonOf(EventSerdes.reading(), TelemetryReading.of("M1", T0, values()));

        assertThat(json.has("schema_version")).isFalse();
        assertThat(json.has("seq")).isFalse();
    }

    @Test
    void alertRoundTrips() {
        assertThat(roundTrip(EventSerdes.alert(), fullAlert())).isEqualTo(fullAlert());
    }

    @Test
    void alertKeepsThePrototypesFieldNames() throws Exception {
        final JsonNode json = jsonOf(EventSerdes.alert(), fullAlert());

        assertThat(json.get("alert_id").asText()).isEqualTo("MACHINE_003:ANOMALY:1");
        assertThat(json.get("machine_id").asText()).isEqualTo("MACHINE_003");
        assertThat(json.get("anomaly_score").asDouble()).isEqualTo(-0.71);
        assertThat(json.get("metrics").get("temperature").asDouble()).isEqualTo(82.4);
        assertThat(json.get("severity").asText()).isEqualTo("WARNING");
        assertThat(json.get("recommendation").asText()).startsWith("Schedule inspection");
        assertThat(json.get("timestamp").isTextual()).isTrue();
        assertThat(json.get("status").asText()).isEqualTo("ACTIVE_ACK");
        assertThat(json.get("contributors").get(0).get("sensor").asText()).isEqualTo("temperature");
    }

    @Test
    void anAlertInThePrototypesShapeOnlyGetsTheDefaults() {
        final String prototype = "{\"alert_id\":\"a1\",\"machine_id\":\"MACHINE_003\",\"timestamp\":\"2025-11-21T21:27:22Z\","
                + "\"anomaly_score\":-0.55,\"metrics\":{\"temperature\":82.4},\"severity\":\"CRITICAL\","
                + "\"recommendation\":\"Monitor closely for additional anomalies\"}";

        final Alert alert = EventSerdes.alert().deserialize("t", prototype.getBytes(StandardCharsets.UTF_8));

        assertThat(alert.status()).isEqualTo(AlertStatus.ACTIVE_UNACK);
        assertThat(alert.count()).isEqualTo(1);
        assertThat(alert.type()).isEqualTo(Alert.TYPE_ANOMALY);
        assertThat(alert.firstSeen()).isEqualTo(alert.timestamp());
        assertThat(alert.peakSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.contributors()).isEmpty();
    }

    @Test
    void machineStatusRoundTripsWithItsLastReading() {
        final MachineStatus status = new MachineStatus("MACHINE_001", MachineState.NORMAL, 30, 30, 1,
                TelemetryReading.of("MACHINE_001", T0, values()), 0.41, 0.58, 120, 3, 1, null, T0, null, null);

        assertThat(roundTrip(EventSerdes.machineStatus(), status)).isEqualTo(status);
    }

    @Test
    void modelDescriptorRoundTrips() {
        final ModelDescriptor model = new ModelDescriptor("MACHINE_001", 2, T0, 30, List.of("temperature", "rpm"),
                List.of(new FeatureStats("temperature", 65.2, 1.1), new FeatureStats("rpm", 1500, 12)),
                0.58, 0.15, 100, 1.0, 0, 223_000, ModelDescriptor.Reason.DRIFT);

        assertThat(roundTrip(EventSerdes.modelDescriptor(), model)).isEqualTo(model);
    }

    @Test
    void scoredReadingRoundTrips() {
        final ScoredReading scored = new ScoredReading(TelemetryReading.of("M1", T0, values()), 0.7, 0.6, true, 3);

        assertThat(roundTrip(new JsonSerde<>(ScoredReading.class), scored)).isEqualTo(scored);
    }

    @Test
    void alertCommandRoundTrips() {
        final AlertCommand command = new AlertCommand("a1", "MACHINE_001", AlertCommand.Action.ACK, "maria", T0);

        assertThat(roundTrip(EventSerdes.alertCommand(), command)).isEqualTo(command);
    }

    @Test
    void machineCommandRoundTripsWithTheWireNames() {
        final MachineCommand command = new MachineCommand("MACHINE_002", MachineCommand.Action.RETRAIN, "maria", T0);

        assertThat(roundTrip(EventSerdes.machineCommand(), command)).isEqualTo(command);
        assertThat(new String(EventSerdes.machineCommand().serialize("t", command), StandardCharsets.UTF_8))
                .contains("\"machine_id\":\"MACHINE_002\"", "\"action\":\"RETRAIN\"");
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(EventSerdes.machineStatus().serialize("t", null)).isNull();
        assertThat(EventSerdes.machineStatus().deserialize("t", null)).isNull();
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() {
        final String json = "{\"alert_id\":\"a1\",\"machine_id\":\"M1\",\"action\":\"CLEAR\",\"at\":\"2025-11-21T21:27:22Z\","
                + "\"reason_code\":\"fixed\"}";

        assertThat(EventSerdes.alertCommand().deserialize("t", json.getBytes(StandardCharsets.UTF_8)).action())
                .isEqualTo(AlertCommand.Action.CLEAR);
    }

    @Test
    void garbageFailsWithTheTopicAndTypeInTheMessage() {
        assertThatThrownBy(() -> EventSerdes.alert().deserialize("machine-alerts", "{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("machine-alerts")
                .hasMessageContaining("Alert");
    }

    @Test
    void aMissingRequiredFieldFailsInsteadOfYieldingAHalfEvent() {
        assertThatThrownBy(() -> EventSerdes.alertCommand().deserialize("alert-commands",
                "{\"alert_id\":\"a1\",\"action\":\"ACK\",\"at\":\"2025-11-21T21:27:22Z\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("machineId");
    }

    @Test
    void anEmbeddedReadingThatIsNotAReadingFails() {
        final String status = "{\"machine_id\":\"M1\",\"state\":\"NORMAL\",\"last_reading\":[1,2]}";

        assertThatThrownBy(() -> EventSerdes.machineStatus().deserialize("machine-status", status.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("NOT_AN_OBJECT");
    }
}
