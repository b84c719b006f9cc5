package dev.pdm.iiot.dashboard.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.pdm.iiot.dashboard.Fixtures.T0;
import static dev.pdm.iiot.dashboard.Fixtures.degradation;
import static dev.pdm.iiot.dashboard.Fixtures.scored;
import static dev.pdm.iiot.dashboard.Fixtures.temperatureTrend;
import static dev.pdm.iiot.dashboard.Fixtures.withHealth;
import static org.assertj.core.api.Assertions.assertThat;

/** The JSON the page reads: machine entries with their health, alert entries with their digest. */
class MessageCodecTest {

    private final PlantView view = new PlantView(10);

    private JsonNode snapshot() throws Exception {
        return EventJson.newMapper().readTree(MessageCodec.snapshot(view.snapshot(), null));
    }

    private static JsonNode machine(final JsonNode message, final String id) {
        for (final JsonNode m : message.path("machines")) {
            if (m.path("machine_id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no " + id + " in " + message);
    }

    @Test
    void aMachineEntryCarriesItsHealthAndOpenAlertTypesBesideTheStatus() throws Exception {
        view.applyStatus("M1", withHealth("M1", MachineState.NORMAL, 0.41, 100, Health.ALERT,
                Map.of("DEGRADATION", "M1:DEGRADATION:1")), T0);
        view.applyStatus("M2", withHealth("M2", MachineState.ANOMALY, 0.74, 100, Health.WATCH, Map.of()), T0);

        final JsonNode snapshot = snapshot();

        final JsonNode m1 = machine(snapshot, "M1");
        assertThat(m1.path("health").asText()).isEqualTo("ALERT");
        assertThat(m1.path("alert_types").toString()).isEqualTo("[\"DEGRADATION\"]");
        assertThat(m1.path("status").path("state").asText()).as("the point verdict stays").isEqualTo("NORMAL");
        assertThat(m1.path("status").path("last_score").asDouble()).isEqualTo(0.41);
        assertThat(m1.path("status").path("health").asText()).isEqualTo("ALERT");
        assertThat(m1.path("status").path("open_alerts").path("DEGRADATION").asText()).isEqualTo("M1:DEGRADATION:1");
        final JsonNode m2 = machine(snapshot, "M2");
        assertThat(m2.path("health").asText()).isEqualTo("WATCH");
        assertThat(m2.has("alert_types")).isFalse();
    }

    @Test
    void anOlderDetectorsStatusGetsItsHealthDerived() throws Exception {
        view.applyStatus("OLD_1", scored("OLD_1", MachineState.ANOMALY, 0.8, 40, null), T0);
        view.applyStatus("OLD_2", scored("OLD_2", MachineState.ANOMALY, 0.8, 40, "OLD_2:ANOMALY:1"), T0);
        view.applyStatus("OLD_3", EventJson.fromJson("""
                {"machine_id":"OLD_3","state":"TRAINING","training_samples":3,"training_target":30,
                 "readings":3,"anomalies":0,"duplicates":0}""", MachineStatus.class), T0);

        final JsonNode snapshot = snapshot();

        assertThat(machine(snapshot, "OLD_1").path("health").asText()).isEqualTo("WATCH");
        assertThat(machine(snapshot, "OLD_1").path("status").has("health")).isFalse();
        assertThat(machine(snapshot, "OLD_2").path("health").asText()).isEqualTo("ALERT");
        assertThat(machine(snapshot, "OLD_2").path("alert_types").get(0).asText()).isEqualTo("ANOMALY");
        assertThat(machine(snapshot, "OLD_3").path("health").asText()).isEqualTo("LEARNING");
    }

    @Test
    void anAlertEntryCarriesTheAlertWithItsTypeAndTrendsAndItsDigest() throws Exception {
        view.applyAlert(degradation("M1", 1, T0, temperatureTrend()));

        final JsonNode entry = snapshot().path("alerts").get(0);

        final JsonNode alert = entry.path("alert");
        assertThat(alert.path("type").asText()).isEqualTo("DEGRADATION");
        assertThat(alert.path("anomaly_score").asDouble()).isZero();
        assertThat(alert.has("score")).isFalse();
        assertThat(alert.has("threshold")).isFalse();
        assertThat(alert.has("model_version")).isFalse();
        final JsonNode trend = alert.path("trends").get(0);
        assertThat(trend.path("sensor").asText()).isEqualTo("temperature");
        assertThat(trend.path("rate_per_hour").asDouble()).isEqualTo(0.8);
        assertThat(trend.path("hours_to_limit_low").asDouble()).isEqualTo(9.0);
        assertThat(trend.path("hours_to_limit_high").asDouble()).isEqualTo(30.0);
        final JsonNode digest = entry.path("digest");
        assertThat(digest.path("time_to_limit").asText()).isEqualTo("temperature: limit 90 °C in ~14 h (9–30 h)");
        assertThat(digest.path("time_to_limit_short").asText()).isEqualTo("temperature 90 °C in ~14 h");
        assertThat(digest.path("hours_to_limit").asDouble()).isEqualTo(14.0);
        assertThat(digest.path("trends").get(0).asText()).startsWith("temperature +0.8 °C/h over 3.0 h");
    }
}
