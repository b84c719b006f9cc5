package dev.pdm.iiot.dashboard;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertIds;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events as the detector and the devices would write them. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2025-11-21T21:27:22Z");

    private Fixtures() {
    }

    public static TelemetryReading reading(final String machineId, final Instant at, final double temperature) {
        final Map<String, Double> values = new LinkedHashMap<>();
        values.put("temperature", temperature);
        values.put("vibration", 2.0);
        values.put("current", 10.0);
        values.put("pressure", 6.0);
        values.put("rpm", 1500.0);
        return TelemetryReading.of(machineId, at, values);
    }

    /**
     * A scored, normal machine after {@code readings} readings, the last of them at T0 + readings
     * seconds with the given temperature; computed (updated_at) at {@code updatedAt}.
     */
    public static MachineStatus normal(final String machineId, final long readings, final double temperature,
                                       final Instant updatedAt) {
        return new MachineStatus(machineId, MachineState.NORMAL, 30, 30, 1,
                reading(machineId, T0.plusSeconds(readings), temperature), 0.35, 0.6, readings, 0, 0, null, updatedAt);
    }

    /** As {@link #normal(String, long, double, Instant)}, computed at the time of its last reading. */
    public static MachineStatus normal(final String machineId, final long readings, final double temperature) {
        return normal(machineId, readings, temperature, T0.plusSeconds(readings));
    }

    public static MachineStatus training(final String machineId, final int samples) {
        return new MachineStatus(machineId, MachineState.TRAINING, samples, 30, null,
                reading(machineId, T0.plusSeconds(samples), 65.0), null, null, samples, 0, 0, null, T0.plusSeconds(samples));
    }

    public static MachineStatus scored(final String machineId, final MachineState state, final double score,
                                       final long readings, final String openAlertId) {
        return new MachineStatus(machineId, state, 30, 30, 1, reading(machineId, T0.plusSeconds(readings), 70.0),
                score, 0.6, readings, state == MachineState.ANOMALY ? 1 : 0, 0, openAlertId, T0.plusSeconds(readings));
    }

    public static Alert alert(final String machineId, final long n, final AlertStatus status, final Severity severity,
                              final Instant at) {
        return new Alert(AlertIds.of(machineId, Alert.TYPE_ANOMALY, n), machineId, at, -0.71,
                Map.of("temperature", 82.4), severity, "Schedule inspection: Temperature exceeds safe threshold",
                Alert.TYPE_ANOMALY, status, 3, at.minusSeconds(10), at, severity,
                List.of(new Contributor("temperature", 82.4, 70.1, 1.5, 8.2, Contributor.Direction.ABOVE)),
                1, 0.71, 0.62, status == AlertStatus.ACTIVE_ACK ? "maria" : null, null, null, null);
    }
}
