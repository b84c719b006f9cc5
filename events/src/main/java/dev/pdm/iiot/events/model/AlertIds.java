package dev.pdm.iiot.events.model;

import dev.pdm.iiot.events.MqttTopics;

import java.util.Optional;

/**
 * Alert ids carry their machine: {@code {machineId}:{type}:{n}}, e.g. {@code MACHINE_003:ANOMALY:7},
 * so that a command on an alert can be keyed by its machine without a lookup. Machine ids never
 * contain a colon.
 */
public final class AlertIds {

    private AlertIds() {
    }

    /** The id of the n-th alert of a type raised for a machine. */
    public static String of(final String machineId, final String type, final long n) {
        if (!MqttTopics.isMachineId(machineId)) {
            throw new IllegalArgumentException("not a valid machine id: '" + machineId + "'");
        }
        if (type.isEmpty() || type.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not a valid alert type: '" + type + "'");
        }
        return machineId + ':' + type + ':' + n;
    }

    /** The machine of an alert id, or empty when it is not one. */
    public static Optional<String> machineIdOf(final String alertId) {
        if (alertId == null) {
            return Optional.empty();
        }
        final int colon = alertId.indexOf(':');
        if (colon <= 0 || alertId.indexOf(':', colon + 1) < 0) {
            return Optional.empty();
        }
        final String machineId = alertId.substring(0, colon);
        return MqttTopics.isMachineId(machineId) ? Optional.of(machineId) : Optional.empty();
    }
}
