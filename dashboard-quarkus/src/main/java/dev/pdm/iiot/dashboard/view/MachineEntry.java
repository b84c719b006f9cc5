package dev.pdm.iiot.dashboard.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineStatus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The detector's latest status of a machine, or its removal (a tombstone on the compacted topic).
 * The status carries the machine's last accepted reading: the live values of its card and charts.
 * Its JSON adds the machine's {@link MachineHealth health} and the types of its open alerts, derived
 * the same way for a status of an older detector that has neither.
 *
 * @param v         version
 * @param machineId the machine
 * @param status    the status, or null when the machine was removed
 * @param seenAt    the Kafka timestamp of the record
 */
public record MachineEntry(
        @JsonProperty("v") long v,
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("status") MachineStatus status,
        @JsonProperty("seen_at") Instant seenAt) implements ViewEntry {

    static final String PREFIX = "m:";

    public MachineEntry {
        Objects.requireNonNull(machineId, "machineId");
    }

    @JsonProperty("removed")
    public Boolean removed() {
        return status == null ? Boolean.TRUE : null;
    }

    /** The machine's health (from its alerts); null when it was removed. */
    @JsonProperty("health")
    public Health health() {
        return status == null ? null : MachineHealth.of(status);
    }

    /** The types of the machine's open alerts; null when none (or removed). */
    @JsonProperty("alert_types")
    public List<String> alertTypes() {
        if (status == null) {
            return null;
        }
        final List<String> types = MachineHealth.openAlertTypes(status);
        return types.isEmpty() ? null : types;
    }

    @Override
    @JsonIgnore
    public String key() {
        return PREFIX + machineId;
    }
}
