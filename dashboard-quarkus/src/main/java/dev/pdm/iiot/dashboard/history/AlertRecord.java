package dev.pdm.iiot.dashboard.history;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * One alert of the alert history: its latest state in {@code alert_audit}, with when it was raised,
 * acknowledged and cleared, and by whom, from all its states.
 *
 * @param alertId        the alert
 * @param machineId      its machine
 * @param type           ANOMALY, DEGRADATION, PEER_DEVIATION, STUCK_SENSOR or SILENT
 * @param severity       its severity in the latest state
 * @param peakSeverity   the highest severity it reached
 * @param status         ACTIVE_UNACK, ACTIVE_ACK or CLEARED
 * @param raisedAt       when it was first seen
 * @param lastSeen       when it was last seen
 * @param acknowledgedAt when it was acknowledged, or null
 * @param acknowledgedBy who acknowledged it, or null
 * @param clearedAt      when it was cleared, or null while open
 * @param clearedBy      who cleared it (null when it cleared by itself, or is open)
 * @param count          its count in the latest state (anomalous readings, for an ANOMALY)
 * @param score          the anomaly score of the latest state (ANOMALY), or null
 * @param threshold      the model's threshold then, or null
 * @param recommendation what to do
 * @param states         the states of it that were recorded
 */
public record AlertRecord(
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("type") String type,
        @JsonProperty("severity") String severity,
        @JsonProperty("peak_severity") String peakSeverity,
        @JsonProperty("status") String status,
        @JsonProperty("raised_at") Instant raisedAt,
        @JsonProperty("last_seen") Instant lastSeen,
        @JsonProperty("acknowledged_at") Instant acknowledgedAt,
        @JsonProperty("acknowledged_by") String acknowledgedBy,
        @JsonProperty("cleared_at") Instant clearedAt,
        @JsonProperty("cleared_by") String clearedBy,
        @JsonProperty("count") long count,
        @JsonProperty("score") Double score,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("recommendation") String recommendation,
        @JsonProperty("states") long states) {
}
