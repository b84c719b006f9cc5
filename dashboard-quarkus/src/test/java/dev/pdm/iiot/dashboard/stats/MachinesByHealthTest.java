package dev.pdm.iiot.dashboard.stats;

import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.pdm.iiot.dashboard.Fixtures.T0;
import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.Fixtures.degradation;
import static dev.pdm.iiot.dashboard.Fixtures.normal;
import static dev.pdm.iiot.dashboard.Fixtures.scored;
import static dev.pdm.iiot.dashboard.Fixtures.silent;
import static dev.pdm.iiot.dashboard.Fixtures.training;
import static dev.pdm.iiot.dashboard.Fixtures.withHealth;
import static org.assertj.core.api.Assertions.assertThat;

/** The plant's machines counted by health, not by the point score of their last reading. */
class MachinesByHealthTest {

    @Test
    void machinesAreCountedByHealthAndAnAnomalousReadingWithoutAlertIsWatch() {
        final PlantView view = new PlantView(10);
        // three machines whose last reading scored anomalous, one of them with an alert open
        view.applyStatus("A1", scored("A1", MachineState.ANOMALY, 0.8, 40, "A1:ANOMALY:1"), T0);
        view.applyStatus("A2", scored("A2", MachineState.ANOMALY, 0.7, 40, null), T0);
        view.applyStatus("A3", withHealth("A3", MachineState.ANOMALY, 0.7, 40, Health.WATCH, Map.of()), T0);
        // an alert on a machine whose last reading is normal
        view.applyStatus("D1", withHealth("D1", MachineState.NORMAL, 0.4, 40, Health.ALERT,
                Map.of("DEGRADATION", "D1:DEGRADATION:1", "SILENT", "D1:SILENT:1")), T0);
        view.applyStatus("N1", normal("N1", 40, 65), T0);
        view.applyStatus("T1", training("T1", 4), T0);
        view.applyStatus("GONE", normal("GONE", 40, 65), T0);
        view.applyStatus("GONE", null, T0);

        assertThat(StatisticsService.machinesByHealth(view.machines()))
                .containsExactly(Map.entry("LEARNING", 1), Map.entry("OK", 1), Map.entry("WATCH", 2),
                        Map.entry("ALERT", 2));
    }

    @Test
    void anEmptyPlantHasEveryHealthAtZero() {
        assertThat(StatisticsService.machinesByHealth(new PlantView(1).machines()))
                .containsOnlyKeys("LEARNING", "OK", "WATCH", "ALERT").allSatisfy((k, v) -> assertThat(v).isZero());
    }

    @Test
    void openAlertsAreCountedByType() {
        final PlantView view = new PlantView(10);
        view.applyAlert(degradation("D1", 1, T0));
        view.applyAlert(silent("D1", 1, T0));
        view.applyAlert(silent("D2", 1, T0));
        view.applyAlert(alert("A1", 1, AlertStatus.ACTIVE_UNACK, Severity.WARNING, T0));
        view.applyAlert(alert("A2", 1, AlertStatus.CLEARED, Severity.WARNING, T0));

        assertThat(view.alerts().openByType())
                .containsExactly(Map.entry("ANOMALY", 1), Map.entry("DEGRADATION", 1), Map.entry("SILENT", 2));
    }
}
