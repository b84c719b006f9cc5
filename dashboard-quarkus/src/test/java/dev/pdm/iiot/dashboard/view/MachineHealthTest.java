package dev.pdm.iiot.dashboard.view;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.pdm.iiot.dashboard.Fixtures.scored;
import static dev.pdm.iiot.dashboard.Fixtures.training;
import static dev.pdm.iiot.dashboard.Fixtures.withHealth;
import static org.assertj.core.api.Assertions.assertThat;

class MachineHealthTest {

    @Test
    void theDetectorsHealthIsTakenAsItIsWhateverTheLastReadingScored() {
        assertThat(MachineHealth.of(withHealth("M1", MachineState.NORMAL, 0.41, 100, Health.ALERT,
                Map.of("DEGRADATION", "M1:DEGRADATION:1")))).isEqualTo(Health.ALERT);
        assertThat(MachineHealth.of(withHealth("M1", MachineState.ANOMALY, 0.74, 100, Health.OK, Map.of())))
                .as("one anomalous reading the detector does not count against the machine").isEqualTo(Health.OK);
        assertThat(MachineHealth.of(withHealth("M1", MachineState.NORMAL, 0.3, 100, Health.WATCH, Map.of())))
                .isEqualTo(Health.WATCH);
        assertThat(MachineHealth.of(withHealth("M1", MachineState.TRAINING, 0, 10, Health.LEARNING, Map.of())))
                .isEqualTo(Health.LEARNING);
    }

    @Test
    void withoutHealthFromAnOlderDetectorAnOpenAlertIsAlertAndAnAnomalousReadingOnlyWatch() {
        assertThat(MachineHealth.of(scored("M1", MachineState.ANOMALY, 0.8, 50, "M1:ANOMALY:3"))).isEqualTo(Health.ALERT);
        assertThat(MachineHealth.of(scored("M1", MachineState.NORMAL, 0.4, 50, "M1:ANOMALY:3")))
                .as("an alert stays open over normal readings until it clears").isEqualTo(Health.ALERT);
        assertThat(MachineHealth.of(scored("M1", MachineState.ANOMALY, 0.8, 50, null))).isEqualTo(Health.WATCH);
        assertThat(MachineHealth.of(scored("M1", MachineState.NORMAL, 0.4, 50, null))).isEqualTo(Health.OK);
        assertThat(MachineHealth.of(training("M1", 12))).isEqualTo(Health.LEARNING);
        assertThat(MachineHealth.of(withHealth("M1", MachineState.NORMAL, 0.4, 50, null,
                Map.of("SILENT", "M1:SILENT:1")))).isEqualTo(Health.ALERT);
    }

    @Test
    void anOlderDetectorsStatusJsonHasNeitherFieldAndStillGetsAHealth() {
        final MachineStatus old = EventJson.fromJson("""
                {"machine_id":"OLD_1","state":"ANOMALY","training_samples":0,"training_target":30,"model_version":2,
                 "last_score":0.71,"threshold":0.6,"readings":900,"anomalies":4,"duplicates":0,
                 "updated_at":"2025-11-21T21:27:22Z"}""", MachineStatus.class);

        assertThat(old.health()).isNull();
        assertThat(old.openAlerts()).isEmpty();
        assertThat(MachineHealth.of(old)).isEqualTo(Health.WATCH);
        assertThat(MachineHealth.openAlertTypes(old)).isEmpty();
    }

    @Test
    void theOpenAlertTypesComeFromTheStatusOrFromTheOneOpenAlertsId() {
        final Map<String, String> open = new LinkedHashMap<>();
        open.put("DEGRADATION", "M1:DEGRADATION:2");
        open.put("SILENT", "M1:SILENT:1");
        assertThat(MachineHealth.openAlertTypes(withHealth("M1", MachineState.NORMAL, 0.4, 50, Health.ALERT, open)))
                .containsExactly("DEGRADATION", "SILENT");

        final MachineStatus old = scored("M1", MachineState.ANOMALY, 0.8, 50, "M1:ANOMALY:3");
        assertThat(MachineHealth.openAlerts(old)).containsExactly(Map.entry("ANOMALY", "M1:ANOMALY:3"));
        assertThat(MachineHealth.typeOf("M1:PEER_DEVIATION:12")).isEqualTo("PEER_DEVIATION");
        assertThat(MachineHealth.typeOf("legacy-id")).isEqualTo("ANOMALY");
    }
}
