package dev.pdm.iiot.dashboard.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.dashboard.view.MachineEntry;
import dev.pdm.iiot.dashboard.view.MachineHealth;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;
import java.util.Map;

/**
 * One machine in {@code GET /api/machines}: the detector's latest status of it, with its last reading.
 *
 * @param machineId       the machine
 * @param state           TRAINING, NORMAL or ANOMALY: the point score's verdict on the last reading
 * @param trainingSamples readings collected for training (n of N)
 * @param trainingTarget  readings needed to train (N)
 * @param modelVersion    its model's version, or null while the first one trains
 * @param lastReading     the last reading the detector accepted (the status's)
 * @param lastScore       the latest anomaly score (0 to 1)
 * @param threshold       the model's alarm threshold on the score
 * @param readings        readings the detector accepted, all time
 * @param anomalies       anomalous readings, all time
 * @param openAlertId     the open alert, if any
 * @param lastSeen        the Kafka time of its latest status record
 * @param health          LEARNING, OK, WATCH or ALERT, from the machine's alerts (derived from the
 *                        state and open alert for an older detector's status)
 * @param openAlerts      its open alerts, type to alert id; empty when none
 */
public record MachineSummary(
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("state") String state,
        @JsonProperty("training_samples") Integer trainingSamples,
        @JsonProperty("training_target") Integer trainingTarget,
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("last_reading") TelemetryReading lastReading,
        @JsonProperty("last_score") Double lastScore,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("readings") Long readings,
        @JsonProperty("anomalies") Long anomalies,
        @JsonProperty("open_alert_id") String openAlertId,
        @JsonProperty("last_seen") Instant lastSeen,
        @JsonProperty("health") Health health,
        @JsonProperty("open_alerts") Map<String, String> openAlerts) {

    /** The summary of a machine's status; {@code machine} holds a status (not a removal). */
    static MachineSummary of(final MachineEntry machine) {
        final MachineStatus status = machine.status();
        return new MachineSummary(machine.machineId(), status.state().name(), status.trainingSamples(),
                status.trainingTarget(), status.modelVersion(), status.lastReading(), status.lastScore(),
                status.threshold(), status.readings(), status.anomalies(), status.openAlertId(), machine.seenAt(),
                MachineHealth.of(status), MachineHealth.openAlerts(status));
    }
}
