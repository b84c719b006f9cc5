package dev.pdm.iiot.detector.rest;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.Severity;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON shapes the dashboard reads, and the parsing of the query, without a server. */
class RestShapesTest {

    private static final Instant T = Instant.parse("2025-11-21T21:27:22Z");

    private static Alert alert(final AlertStatus status) {
        return new Alert("M1:ANOMALY:1", "M1", T, -0.6, Map.of(), Severity.WARNING, "r", null, status, 1, null, null,
                null, null, 1, 0.6, 0.55, null, null, null, null, null);
    }

    @Test
    void aMachineWithoutModelOrAlertStillShowsBothFieldsAsNull() {
        final MachineStatus status = new MachineStatus("M1", MachineState.TRAINING, 3, 30, null, null, null, null, 3,
                0, 0, null, T, null, null);
        final String json = EventJson.toJson(new MachineDetail(status, null, null));
        assertThat(json).contains("\"status\":{\"machine_id\":\"M1\"", "\"model\":null", "\"open_alert\":null");
    }

    @Test
    void theStatusFilterKnowsTheThreeStatusesAndOpen() {
        assertThat(AlertResource.filter(null).test(alert(AlertStatus.CLEARED))).isTrue();
        assertThat(AlertResource.filter("open").test(alert(AlertStatus.ACTIVE_ACK))).isTrue();
        assertThat(AlertResource.filter("open").test(alert(AlertStatus.CLEARED))).isFalse();
        assertThat(AlertResource.filter("ACTIVE_UNACK").test(alert(AlertStatus.ACTIVE_UNACK))).isTrue();
        assertThat(AlertResource.filter("cleared").test(alert(AlertStatus.ACTIVE_UNACK))).isFalse();
        assertThatThrownBy(() -> AlertResource.filter("sideways")).isInstanceOf(BadRequestException.class);
    }
}
