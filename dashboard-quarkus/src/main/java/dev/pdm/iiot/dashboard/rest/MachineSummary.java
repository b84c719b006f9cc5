package dev.pdm.iiot.dashboard.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.dashboard.view.MachineEntry;
import dev.pdm.iiot.dashboard.view.ReadingEntry;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;

/**
 * One machine in {@code GET /api/machines}: the detector's status and the newest reading seen.
 *
 * @param machineId       the machine
 * @param state           TRAINING, NORMAL, ANOMALY, or UNKNOWN when only its telemetry was seen
 * @param trainingSamples readings collected for training (n of N)
 * @param trainingTarget  readings needed to train (N)
 * @param modelVersion    its model's version, or null while the first one trains
 * @param lastReading     the newest reading, raw from telemetry or scored from the status
 * @param lastScore       the latest anomaly score (0 to 1)
 * @param threshold       the model's alarm threshold on the score
 * @param readings        readings the detector accepted, all time
 * @param anomalies       anomalous readings, all time
 * @param openAlertId     the open alert, if any
 * @param lastSeen        the Kafka time of the newest record about it
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
        @JsonProperty("last_seen") Instant lastSeen) {

    public static final String UNKNOWN = "UNKNOWN";

    static MachineSummary of(final String machineId, final MachineEntry machine, final ReadingEntry reading) {
        final MachineStatus status = machine == null ? null : machine.status();
        final TelemetryReading raw = reading == null ? null : reading.reading();
        final TelemetryReading scored = status == null ? null : status.lastReading();
        final TelemetryReading newest = raw == null ? scored
                : scored == null || !scored.timestamp().isAfter(raw.timestamp()) ? raw : scored;
        final Instant seen = later(machine == null ? null : machine.seenAt(), reading == null ? null : reading.seenAt());
        if (status == null) {
            return new MachineSummary(machineId, UNKNOWN, null, null, null, newest, null, null, null, null, null, seen);
        }
        return new MachineSummary(machineId, status.state().name(), status.trainingSamples(), status.trainingTarget(),
                status.modelVersion(), newest, status.lastScore(), status.threshold(), status.readings(),
                status.anomalies(), status.openAlertId(), seen);
    }

    private static Instant later(final Instant a, final Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
