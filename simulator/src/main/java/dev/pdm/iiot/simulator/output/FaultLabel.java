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
 * <p>
 * A slow degradation adds an optional {@code detail}, its mix, development time and initial level in the
 * {@code --fault} keys' syntax:
 * {@code {"machine_id":"MACHINE_007","fault":"SLOW_DEGRADATION","start":"2025-11-21T00:00:00Z","detail":"mix=BEARING,development=24h,from=0.4"}}.
 * Readers that know only the first four fields ignore it.
 *
 * @param machineId the machine
 * @param fault     upper snake case: a {@link dev.pdm.iiot.simulator.faults.FaultType} name, or
 *                  {@code ANOMALY} for a replayed file's labelled rows
 * @param start     first instant, UTC
 * @param end       the instant it was over, or null
 * @param detail    what else the episode is, or null (no field)
 */
@JsonPropertyOrder({"machine_id", "fault", "start", "end", "detail"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultLabel(
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("fault") String fault,
        @JsonProperty("start") Instant start,
        @JsonProperty("end") Instant end,
        @JsonProperty("detail") String detail) {

    public FaultLabel {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(start, "start");
    }

    /** A label without detail. */
    public FaultLabel(final String machineId, final String fault, final Instant start, final Instant end) {
        this(machineId, fault, start, end, null);
    }

    /** The same label, ended at the instant. */
    public FaultLabel endedAt(final Instant instant) {
        return new FaultLabel(machineId, fault, start, instant, detail);
    }
}
