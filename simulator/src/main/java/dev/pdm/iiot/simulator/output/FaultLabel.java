package dev.pdm.iiot.simulator.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the labels file: a fault episode of one machine, the ground truth detection is
 * scored on. It covers {@code [start, end)}; {@code end} is absent when the episode was still
 * running when the run stopped.
 * {@code {"machine_id":"MACHINE_003","fault":"BEARING_WEAR","start":"2025-11-21T21:27:22Z","end":"2025-11-21T21:47:22Z"}}
 *
 * @param machineId the machine
 * @param fault     upper snake case: a {@link dev.pdm.iiot.simulator.faults.FaultType} name, or
 *                  {@code ANOMALY} for a replayed file's labelled rows
 * @param start     first instant, UTC
 * @param end       the instant it was over, or null
 */
@JsonPropertyOrder({"machine_id", "fault", "start", "end"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultLabel(
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("fault") String fault,
        @JsonProperty("start") Instant start,
        @JsonProperty("end") Instant end) {

    public FaultLabel {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(start, "start");
    }

    /** The same label, ended at the instant. */
    public FaultLabel endedAt(final Instant instant) {
        return new FaultLabel(machineId, fault, start, instant);
    }
}
