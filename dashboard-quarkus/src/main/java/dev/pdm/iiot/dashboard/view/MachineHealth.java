package dev.pdm.iiot.dashboard.view;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;

import java.util.List;
import java.util.Map;

/**
 * A machine's health as the page shows it: the detector's {@code health} (from the machine's
 * alerts), or, from a detector that predates it, the same derived from the status: an open alert
 * is ALERT, a first model still learning is LEARNING, a normal last reading OK, and an anomalous
 * last reading only WATCH (one anomalous reading is no fault; an alert is).
 */
public final class MachineHealth {

    private MachineHealth() {
    }

    /** The machine's health; never null. */
    public static Health of(final MachineStatus status) {
        if (status.health() != null) {
            return status.health();
        }
        if (status.openAlertId() != null || !status.openAlerts().isEmpty()) {
            return Health.ALERT;
        }
        return fromState(status.state());
    }

    /** The health an older detector's point verdict stands for, when no alert is open. */
    static Health fromState(final MachineState state) {
        return switch (state) {
            case TRAINING -> Health.LEARNING;
            case NORMAL -> Health.OK;
            case ANOMALY -> Health.WATCH;
        };
    }

    /**
     * The machine's open alerts, type to alert id: the status's {@code open_alerts}, or, from an
     * older detector, its one {@code open_alert_id} under the type its id names.
     */
    public static Map<String, String> openAlerts(final MachineStatus status) {
        if (!status.openAlerts().isEmpty() || status.openAlertId() == null) {
            return status.openAlerts();
        }
        return Map.of(typeOf(status.openAlertId()), status.openAlertId());
    }

    /** The types of the machine's open alerts, in the order the status lists them. */
    public static List<String> openAlertTypes(final MachineStatus status) {
        return List.copyOf(openAlerts(status).keySet());
    }

    /** The type an alert id names ({@code machine:TYPE:n}); ANOMALY, the only type before types, otherwise. */
    static String typeOf(final String alertId) {
        final int first = alertId.indexOf(':');
        final int last = alertId.lastIndexOf(':');
        return first >= 0 && last > first + 1 ? alertId.substring(first + 1, last) : Alert.TYPE_ANOMALY;
    }
}
