package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's command on a machine's model, sent on the {@code machine-commands} topic keyed by
 * machine id.
 *
 * @param machineId the machine (the record key)
 * @param action    what to do
 * @param by        who, free text
 * @param at        when it was issued
 */
public record MachineCommand(
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("action") Action action,
        @JsonProperty("by") String by,
        @JsonProperty("at") Instant at) {

    /** {@code RETRAIN}: learn the machine's normal again from its next readings (e.g. after maintenance). */
    public enum Action { RETRAIN }

    public MachineCommand {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }
}
