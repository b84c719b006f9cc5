package dev.pdm.iiot.dashboard.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.model.MachineStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * The detector's latest status of a machine, or its removal (a tombstone on the compacted topic).
 * The status carries the machine's last accepted reading: the live values of its card and charts.
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

    @Override
    @JsonIgnore
    public String key() {
        return PREFIX + machineId;
    }
}
