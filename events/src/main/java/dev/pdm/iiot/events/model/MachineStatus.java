package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The latest status of one machine, as the detector publishes it to the compacted
 * {@code machine-status} topic.
 *
 * @param machineId        the machine
 * @param state            training, normal or anomaly
 * @param trainingSamples  readings collected for the current training (n of N)
 * @param trainingTarget   readings needed to train (N)
 * @param modelVersion     the current model's version, or null while the first one trains
 * @param lastReading      the latest accepted reading
 * @param lastScore        its anomaly score (0 to 1), or null while training
 * @param threshold        the current model's alarm threshold, or null while training
 * @param readings         accepted readings, all time
 * @param anomalies        anomalous readings, all time
 * @param duplicates       readings ignored as duplicates or stale by sequence number
 * @param openAlertId      the id of the open alert, or null
 * @param updatedAt        when this status was computed
 * @param health           OK, WATCH or ALERT as the machine's alerts say (LEARNING before its first
 *                         model); null from a detector that predates it
 * @param openAlerts       the machine's open alerts: type to alert id, empty when none
 */
public record MachineStatus(
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("state") MachineState state,
        @JsonProperty("training_samples") int trainingSamples,
        @JsonProperty("training_target") int trainingTarget,
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("last_reading") TelemetryReading lastReading,
        @JsonProperty("last_score") Double lastScore,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("readings") long readings,
        @JsonProperty("anomalies") long anomalies,
        @JsonProperty("duplicates") long duplicates,
        @JsonProperty("open_alert_id") String openAlertId,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("health") Health health,
        @JsonProperty("open_alerts") Map<String, String> openAlerts) {

    public MachineStatus {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(state, "state");
        openAlerts = openAlerts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(openAlerts));
    }
}
