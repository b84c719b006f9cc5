package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertIds;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.SensorTrend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The life of a watch's alert, the same as the forest's: one open alert per machine and type,
 * ACTIVE_UNACK → ACTIVE_ACK → CLEARED. A watch raises it when its verdict becomes ALERT, updates it
 * while the verdict stays ALERT (published again when the severity or the sensors change, else at
 * most every {@code updateEvery}), and clears it when the verdict drops below ALERT. A person who
 * clears it while its condition holds keeps the watch from raising it again until the condition
 * has passed. Pure: no store, no clock but the one given.
 */
public final class ConditionAlerts {

    private final Duration updateEvery;

    public ConditionAlerts(final Duration updateEvery) {
        this.updateEvery = updateEvery;
    }

    /**
     * @param slot      the watch's alert slot of the machine, changed in place
     * @param type      the alert type
     * @param v         the watch's verdict
     * @param open      the alert the slot names, as stored, or null
     * @param at        the time of the verdict's evidence (the reading's timestamp, or the clock's)
     * @param now       the time of processing
     * @return the alert's new state, or null when nothing is to be published
     */
    public Alert apply(final AlertSlot slot, final String machineId, final String type, final Verdict v,
                       final Alert open, final Instant at, final Instant now) {
        slot.level = v.level();
        final Alert current = open != null && open.status().isOpen() && open.alertId().equals(slot.openAlertId)
                ? open : null;
        if (v.level() != Verdict.Level.ALERT) {
            slot.suppressed = false;
            slot.openAlertId = null;
            if (current == null) {
                return null;
            }
            return current.withStatus(AlertStatus.CLEARED, at, current.acknowledgedBy(), current.acknowledgedAt(),
                    at, null);
        }
        if (slot.suppressed) {
            return null;
        }
        if (current == null) {
            slot.seq++;
            slot.openAlertId = AlertIds.of(machineId, type, slot.seq);
            slot.publishedAt = now;
            return new Alert(slot.openAlertId, machineId, at, 0.0, v.metrics(), v.severity(), v.recommendation(),
                    type, AlertStatus.ACTIVE_UNACK, 1, at, at, v.severity(), v.contributors(), null, null, null,
                    null, null, null, null, v.trends());
        }
        final boolean due = v.severity() != current.severity()
                || !sameSensors(current.contributors(), v.contributors(), Contributor::sensor)
                || !sameSensors(current.trends(), v.trends(), SensorTrend::sensor)
                || slot.publishedAt == null
                || Duration.between(slot.publishedAt, now).compareTo(updateEvery) >= 0;
        if (!due) {
            return null;
        }
        slot.publishedAt = now;
        return new Alert(current.alertId(), machineId, at, 0.0, v.metrics(), v.severity(), v.recommendation(), type,
                current.status(), current.count() + 1, current.firstSeen(), at, current.peakSeverity().max(v.severity()),
                v.contributors(), null, null, null, current.acknowledgedBy(), current.acknowledgedAt(), null, null,
                v.trends());
    }

    /** A person cleared the slot's alert: the slot forgets it, and holds back a new one while the condition lasts. */
    public static void clearedByPerson(final AlertSlot slot, final Alert cleared) {
        if (cleared.alertId().equals(slot.openAlertId)) {
            slot.openAlertId = null;
            slot.suppressed = slot.level == Verdict.Level.ALERT;
        }
    }

    /** Whether both name the same sensors in the same order. */
    private static <T> boolean sameSensors(final List<T> a, final List<T> b, final Function<T, String> sensor) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(sensor.apply(a.get(i)), sensor.apply(b.get(i)))) {
                return false;
            }
        }
        return true;
    }
}
