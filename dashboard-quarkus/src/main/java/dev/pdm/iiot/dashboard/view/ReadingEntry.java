package dev.pdm.iiot.dashboard.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest raw reading of a machine, from {@code machine-telemetry}, before the detector scored it.
 *
 * @param v         version
 * @param machineId the machine
 * @param reading   the reading
 * @param seenAt    the Kafka timestamp of the record
 */
public record ReadingEntry(
        @JsonProperty("v") long v,
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("reading") TelemetryReading reading,
        @JsonProperty("seen_at") Instant seenAt) implements ViewEntry {

    static final String PREFIX = "r:";

    public ReadingEntry {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(reading, "reading");
    }

    @Override
    @JsonIgnore
    public String key() {
        return PREFIX + machineId;
    }
}
