package dev.pdm.iiot.detector.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.ModelDescriptor;

/**
 * {@code GET /machines/{id}}: the machine's status, its current model (null while the first one
 * trains) and its open alert (null when none).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MachineDetail(
        @JsonProperty("status") MachineStatus status,
        @JsonProperty("model") ModelDescriptor model,
        @JsonProperty("open_alert") Alert openAlert) {
}
