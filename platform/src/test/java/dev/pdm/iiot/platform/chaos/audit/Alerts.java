package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;

import java.time.Instant;
import java.util.Map;

/** Hand-made alert states for the audits' tests. */
final class Alerts {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private Alerts() {
    }

    /** A state of alert {@code machine:type:n}, at T0 plus {@code second}. */
    static Alert state(final String machineId, final String type, final long n, final AlertStatus status,
                       final long count, final long second) {
        final Instant at = T0.plusSeconds(second);
        return new Alert(machineId + ":" + type + ":" + n, machineId, at, -0.7, Map.of("temperature", 80.0),
                Severity.WARNING, "check cooling", type, status, count, T0, at, Severity.WARNING, null, null, null,
                null, null, null, status == AlertStatus.CLEARED ? at : null, null, null);
    }

    static Alert anomaly(final long n, final AlertStatus status, final long count, final long second) {
        return state("M1", Alert.TYPE_ANOMALY, n, status, count, second);
    }
}
