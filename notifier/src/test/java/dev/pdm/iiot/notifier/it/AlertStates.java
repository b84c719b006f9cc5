package dev.pdm.iiot.notifier.it;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;

import java.time.Instant;
import java.util.Map;

/** An alert's states as the detector writes them: raised, updated, acknowledged, cleared. */
public final class AlertStates {

    private AlertStates() {
    }

    /** The alert {@code machine:ANOMALY:n}, raised at {@code at}. */
    public static Alert raised(final String machine, final int n, final Severity severity, final Instant at) {
        return state(machine, n, severity, AlertStatus.ACTIVE_UNACK, 1, at, at, null);
    }

    /** The same alert, seen again {@code count} times by {@code at}. */
    public static Alert updated(final Alert raised, final long count, final Instant at) {
        return state(raised.machineId(), number(raised), raised.severity(), AlertStatus.ACTIVE_UNACK, count,
                raised.firstSeen(), at, null);
    }

    public static Alert acknowledged(final Alert raised, final String by, final Instant at) {
        return raised.withStatus(AlertStatus.ACTIVE_ACK, at, by, at, null, null);
    }

    public static Alert cleared(final Alert raised, final Instant at) {
        return raised.withStatus(AlertStatus.CLEARED, at, null, null, at, null);
    }

    private static int number(final Alert alert) {
        return Integer.parseInt(alert.alertId().substring(alert.alertId().lastIndexOf(':') + 1));
    }

    private static Alert state(final String machine, final int n, final Severity severity, final AlertStatus status,
                               final long count, final Instant firstSeen, final Instant at, final String ackBy) {
        return new Alert(machine + ":ANOMALY:" + n, machine, at, -0.71, Map.of("temperature", 82.4), severity,
                "Schedule inspection: Temperature exceeds safe threshold", Alert.TYPE_ANOMALY, status, count,
                firstSeen, at, severity, null, 1, 0.71, 0.62, ackBy, null, null, null, null);
    }
}
