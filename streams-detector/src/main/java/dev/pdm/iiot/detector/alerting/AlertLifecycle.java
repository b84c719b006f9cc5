package dev.pdm.iiot.detector.alerting;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The life of an alert, ThingsBoard-style: one open alert per machine and type. It is raised after
 * {@code raiseAfter} consecutive anomalous readings, a further anomaly updates it (count, last
 * seen, severity, peak severity) instead of raising another, a person acknowledges it
 * (ACTIVE_UNACK → ACTIVE_ACK) or clears it, and it clears itself after {@code clearAfter}
 * consecutive normal readings that also span {@code clearQuiet} since its last anomalous one (an
 * off-delay in time, as alarm management asks, as well as in readings). Every method returns the
 * alert's new state when it changed, or null.
 * Pure: no store, no clock.
 */
public final class AlertLifecycle {

    private final DetectorSettings.Alerting settings;

    public AlertLifecycle(final DetectorSettings.Alerting settings) {
        this.settings = settings;
    }

    /** The facts of one anomalous reading. */
    public record Anomaly(Instant timestamp, double score, double threshold, Severity severity,
                          Map<String, Double> metrics, List<Contributor> contributors, String recommendation,
                          int modelVersion) {
    }

    /**
     * @param open                the machine's open alert, or null
     * @param newAlertId          the id a newly raised alert takes
     * @param consecutive         anomalous readings in a row, this one included
     * @param streakStart         the timestamp of the first of them
     */
    public Alert onAnomaly(final Alert open, final String newAlertId, final int consecutive, final Instant streakStart,
                           final Anomaly a) {
        if (open != null && open.status().isOpen()) {
            return new Alert(open.alertId(), open.machineId(), a.timestamp(), -a.score(), a.metrics(), a.severity(),
                    a.recommendation(), open.type(), open.status(), open.count() + 1, open.firstSeen(), a.timestamp(),
                    open.peakSeverity().max(a.severity()), a.contributors(), a.modelVersion(), a.score(),
                    a.threshold(), open.acknowledgedBy(), open.acknowledgedAt(), null, null, null);
        }
        if (consecutive < settings.raiseAfter()) {
            return null;
        }
        final String machineId = newAlertId.substring(0, newAlertId.indexOf(':'));
        return new Alert(newAlertId, machineId, a.timestamp(), -a.score(), a.metrics(), a.severity(),
                a.recommendation(), Alert.TYPE_ANOMALY, AlertStatus.ACTIVE_UNACK, consecutive,
                streakStart == null ? a.timestamp() : streakStart, a.timestamp(), a.severity(), a.contributors(),
                a.modelVersion(), a.score(), a.threshold(), null, null, null, null, null);
    }

    /**
     * @param consecutiveNormals normal readings in a row, this one included
     */
    public Alert onNormal(final Alert open, final int consecutiveNormals, final Instant timestamp) {
        if (open == null || !open.status().isOpen() || consecutiveNormals < settings.clearAfter()) {
            return null;
        }
        final Instant last = open.lastSeen() != null ? open.lastSeen() : open.timestamp();
        if (last != null && Duration.between(last, timestamp).compareTo(settings.clearQuiet()) < 0) {
            return null;
        }
        return withStatus(open, AlertStatus.CLEARED, timestamp, open.acknowledgedBy(), open.acknowledgedAt(),
                timestamp, null);
    }

    /** An ack or clear command; null when it changes nothing (unknown, already cleared, already acknowledged). */
    public Alert onCommand(final Alert alert, final AlertCommand command) {
        if (alert == null || !alert.status().isOpen()) {
            return null;
        }
        final String by = command.by() == null || command.by().isBlank() ? "unknown" : command.by();
        return switch (command.action()) {
            case ACK -> alert.status() == AlertStatus.ACTIVE_ACK ? null
                    : withStatus(alert, AlertStatus.ACTIVE_ACK, command.at(), by, command.at(), null, null);
            case CLEAR -> withStatus(alert, AlertStatus.CLEARED, command.at(), alert.acknowledgedBy(),
                    alert.acknowledgedAt(), command.at(), by);
        };
    }

    private static Alert withStatus(final Alert a, final AlertStatus status, final Instant timestamp,
                                    final String ackBy, final Instant ackAt, final Instant clearedAt,
                                    final String clearedBy) {
        return new Alert(a.alertId(), a.machineId(), timestamp, a.anomalyScore(), a.metrics(), a.severity(),
                a.recommendation(), a.type(), status, a.count(), a.firstSeen(), a.lastSeen(), a.peakSeverity(),
                a.contributors(), a.modelVersion(), a.score(), a.threshold(), ackBy, ackAt, clearedAt, clearedBy, null);
    }
}
