package dev.pdm.iiot.dashboard;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertIds;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.SensorTrend;
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
                reading(machineId, T0.plusSeconds(readings), temperature), 0.35, 0.6, readings, 0, 0, null, updatedAt, null, null);
    }

    /** As {@link #normal(String, long, double, Instant)}, computed at the time of its last reading. */
    public static MachineStatus normal(final String machineId, final long readings, final double temperature) {
        return normal(machineId, readings, temperature, T0.plusSeconds(readings));
    }

    public static MachineStatus training(final String machineId, final int samples) {
        return new MachineStatus(machineId, MachineState.TRAINING, samples, 30, null,
                reading(machineId, T0.plusSeconds(samples), 65.0), null, null, samples, 0, 0, null, T0.plusSeconds(samples), null, null);
    }

    public static MachineStatus scored(final String machineId, final MachineState state, final double score,
                                       final long readings, final String openAlertId) {
        return new MachineStatus(machineId, state, 30, 30, 1, reading(machineId, T0.plusSeconds(readings), 70.0),
                score, 0.6, readings, state == MachineState.ANOMALY ? 1 : 0, 0, openAlertId, T0.plusSeconds(readings), null, null);
    }

    public static Alert alert(final String machineId, final long n, final AlertStatus status, final Severity severity,
                              final Instant at) {
        return new Alert(AlertIds.of(machineId, Alert.TYPE_ANOMALY, n), machineId, at, -0.71,
                Map.of("temperature", 82.4), severity, "Schedule inspection: Temperature exceeds safe threshold",
                Alert.TYPE_ANOMALY, status, 3, at.minusSeconds(10), at, severity,
                List.of(new Contributor("temperature", 82.4, 70.1, 1.5, 8.2, Contributor.Direction.ABOVE)),
                1, 0.71, 0.62, status == AlertStatus.ACTIVE_ACK ? "maria" : null, null, null, null, null);
    }

    /**
     * A scored machine as a detector that knows alert types writes it: its health and its open
     * alerts (type to id); {@code open_alert_id} is the first of them.
     */
    public static MachineStatus withHealth(final String machineId, final MachineState state, final double score,
                                           final long readings, final Health health, final Map<String, String> openAlerts) {
        final String first = openAlerts.isEmpty() ? null : openAlerts.values().iterator().next();
        return new MachineStatus(machineId, state, 30, 30, 1, reading(machineId, T0.plusSeconds(readings), 70.0),
                score, 0.6, readings, state == MachineState.ANOMALY ? 1 : 0, 0, first, T0.plusSeconds(readings),
                health, openAlerts);
    }

    /** Temperature rising 0.8 °C/h over 3 h towards its 90 °C limit, reached in ~14 h (9 to 30 h). */
    public static SensorTrend temperatureTrend() {
        return new SensorTrend("temperature", 0.8, 3.0, 78.8, 72.0, 90.0, 14.0, 9.0, 30.0);
    }

    /** An open DEGRADATION alert: no point score, the trends behind it. */
    public static Alert degradation(final String machineId, final long n, final Instant at, final SensorTrend... trends) {
        return typed(machineId, Alert.TYPE_DEGRADATION, n, at, "Plan maintenance: temperature trends towards its limit",
                List.of(), List.of(trends));
    }

    /** An open PEER_DEVIATION alert: vibration far above the mean of the machine's group. */
    public static Alert peerDeviation(final String machineId, final long n, final Instant at) {
        return typed(machineId, Alert.TYPE_PEER_DEVIATION, n, at, "Compare with its peers: vibration runs high",
                List.of(new Contributor("vibration", 3.1, 2.0, 0.32, 3.4, Contributor.Direction.ABOVE)), List.of());
    }

    /** An open SILENT alert. */
    public static Alert silent(final String machineId, final long n, final Instant at) {
        return typed(machineId, Alert.TYPE_SILENT, n, at, "Check the machine's gateway: no reading for 5 min",
                List.of(), List.of());
    }

    /** An open STUCK_SENSOR alert. */
    public static Alert stuck(final String machineId, final long n, final Instant at) {
        return typed(machineId, Alert.TYPE_STUCK_SENSOR, n, at, "Check the pressure sensor: it repeats 6.00 bar",
                List.of(), List.of());
    }

    private static Alert typed(final String machineId, final String type, final long n, final Instant at,
                               final String recommendation, final List<Contributor> contributors,
                               final List<SensorTrend> trends) {
        return new Alert(AlertIds.of(machineId, type, n), machineId, at, 0, Map.of(), Severity.WARNING, recommendation,
                type, AlertStatus.ACTIVE_UNACK, 1, at.minusSeconds(600), at, Severity.WARNING, contributors, null, null,
                null, null, null, null, null, trends);
    }
}
