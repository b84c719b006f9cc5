package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's command on an alert, sent on the {@code alert-commands} topic keyed by machine id.
 *
 * @param alertId   the alert
 * @param machineId the alert's machine (the record key)
 * @param action    acknowledge or clear
 * @param by        who, free text
 * @param at        when it was issued
 */
public record AlertCommand(
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("action") Action action,
        @JsonProperty("by") String by,
        @JsonProperty("at") Instant at) {

    public enum Action { ACK, CLEAR }

    public AlertCommand {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }
}
