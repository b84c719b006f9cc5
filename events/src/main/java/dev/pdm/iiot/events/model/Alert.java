package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alert and every change of its state. The first seven fields are the prototype's alert, with
 * their meaning unchanged, so that its consumers keep working; the rest are this platform's.
 *
 * @param alertId          stable id of the alert over its whole life
 * @param machineId        the machine
 * @param timestamp        when this state of the alert was produced
 * @param anomalyScore     the prototype's score: scikit-learn's {@code score_samples}, i.e. minus
 *                         {@link #score()}; lower is more anomalous
 * @param metrics          the sensor values of the reading that last raised or updated it
 * @param severity         the severity of the last anomalous reading
 * @param recommendation   what to do, in words
 * @param type             the kind of alert; one open alert per machine and type
 * @param status           where the alert is in its life
 * @param count            anomalous readings folded into this alert
 * @param firstSeen        the first anomalous reading
 * @param lastSeen         the latest anomalous reading
 * @param peakSeverity     the worst severity seen over its life
 * @param contributors     the sensors that drove it, strongest first
 * @param modelVersion     the version of the machine's model that scored the reading
 * @param score            the Isolation Forest anomaly score, 0 to 1, higher is more anomalous
 * @param threshold        the machine's alarm threshold on {@link #score()}
 * @param acknowledgedBy   who acknowledged it, or null
 * @param acknowledgedAt   when, or null
 * @param clearedAt        when it was cleared, or null
 * @param clearedBy        who cleared it, or null when it cleared itself after normal readings
 * @param trends           for a {@code DEGRADATION} alert: the sensors that trend, their rate and
 *                         time to limit, soonest first; empty otherwise
 */
public record Alert(
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("anomaly_score") double anomalyScore,
        @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("recommendation") String recommendation,
        @JsonProperty("type") String type,
        @JsonProperty("status") AlertStatus status,
        @JsonProperty("count") long count,
        @JsonProperty("first_seen") Instant firstSeen,
        @JsonProperty("last_seen") Instant lastSeen,
        @JsonProperty("peak_severity") Severity peakSeverity,
        @JsonProperty("contributors") List<Contributor> contributors,
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("score") Double score,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("acknowledged_by") String acknowledgedBy,
        @JsonProperty("acknowledged_at") Instant acknowledgedAt,
        @JsonProperty("cleared_at") Instant clearedAt,
        @JsonProperty("cleared_by") String clearedBy,
        @JsonProperty("trends") List<SensorTrend> trends) {

    /** Readings the machine's Isolation Forest scores as anomalous, several in a row. */
    public static final String TYPE_ANOMALY = "ANOMALY";
    /** A sustained trend of the machine's load-corrected levels away from its healthy reference. */
    public static final String TYPE_DEGRADATION = "DEGRADATION";
    /** The machine's levels lie far from those of its peers (machines of its group). */
    public static final String TYPE_PEER_DEVIATION = "PEER_DEVIATION";
    /** A sensor that normally varies repeats one value, or stays inside a tiny band. */
    public static final String TYPE_STUCK_SENSOR = "STUCK_SENSOR";
    /** A sensor is missing from many of the machine's readings. */
    public static final String TYPE_SENSOR_DROPOUT = "SENSOR_DROPOUT";
    /** The machine has stopped publishing. */
    public static final String TYPE_SILENT = "SILENT";

    public Alert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(severity, "severity");
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        contributors = contributors == null ? List.of() : List.copyOf(contributors);
        type = type == null ? TYPE_ANOMALY : type;
        status = status == null ? AlertStatus.ACTIVE_UNACK : status;
        count = Math.max(count, 1);
        firstSeen = firstSeen == null ? timestamp : firstSeen;
        lastSeen = lastSeen == null ? timestamp : lastSeen;
        peakSeverity = severity.max(peakSeverity);
        trends = trends == null ? List.of() : List.copyOf(trends);
    }

    /** This alert with another status and the people and times of its handling. */
    public Alert withStatus(final AlertStatus newStatus, final Instant at, final String ackBy, final Instant ackAt,
                            final Instant cleared, final String clearer) {
        return new Alert(alertId, machineId, at, anomalyScore, metrics, severity, recommendation, type, newStatus,
                count, firstSeen, lastSeen, peakSeverity, contributors, modelVersion, score, threshold, ackBy, ackAt,
                cleared, clearer, trends);
    }

    /**
     * An alert in the prototype's shape only; the platform's fields take their defaults
     * (an open, unacknowledged anomaly alert seen once).
     */
    public static Alert prototype(final String alertId, final String machineId, final Instant timestamp,
                                  final double anomalyScore, final Map<String, Double> metrics,
                                  final Severity severity, final String recommendation) {
        return new Alert(alertId, machineId, timestamp, anomalyScore, metrics, severity, recommendation,
                null, null, 1, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
