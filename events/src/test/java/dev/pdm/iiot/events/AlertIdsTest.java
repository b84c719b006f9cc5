package dev.pdm.iiot.events;

import dev.pdm.iiot.events.model.AlertIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertIdsTest {

    @Test
    void anAlertIdCarriesItsMachine() {
        final String id = AlertIds.of("MACHINE_003", "ANOMALY", 7);

        assertThat(id).isEqualTo("MACHINE_003:ANOMALY:7");
        assertThat(AlertIds.machineIdOf(id)).contains("MACHINE_003");
    }

    @Test
    void machineIdsWithDotsAndDashesSurvive() {
        assertThat(AlertIds.machineIdOf(AlertIds.of("line-2.pump_a", "ANOMALY", 1))).contains("line-2.pump_a");
    }

    @Test
    void somethingElseIsNotAnAlertId() {
        assertThat(AlertIds.machineIdOf("MACHINE_003")).isEmpty();
        assertThat(AlertIds.machineIdOf("MACHINE_003:ANOMALY")).isEmpty();
        assertThat(AlertIds.machineIdOf(":ANOMALY:1")).isEmpty();
        assertThat(AlertIds.machineIdOf("a b:ANOMALY:1")).isEmpty();
        assertThat(AlertIds.machineIdOf(null)).isEmpty();
    }

    @Test
    void refusesPartsThatWouldMakeItAmbiguous() {
        assertThatThrownBy(() -> AlertIds.of("a:b", "ANOMALY", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertIds.of("M1", "A:B", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
