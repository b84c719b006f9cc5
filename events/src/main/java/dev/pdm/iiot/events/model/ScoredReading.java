package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * A reading with what the detector made of it, as kept in its recent-readings window and served by
 * {@code GET /machines/{id}/readings}.
 *
 * @param reading      the reading
 * @param score        its anomaly score (0 to 1), or null while the machine trains
 * @param threshold    the machine's alarm threshold then, or null while it trains
 * @param anomaly      whether it was scored anomalous
 * @param modelVersion the model that scored it, or null while it trains
 */
public record ScoredReading(
        @JsonProperty("reading") TelemetryReading reading,
        @JsonProperty("score") Double score,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("anomaly") boolean anomaly,
        @JsonProperty("model_version") Integer modelVersion) {

    public ScoredReading {
        Objects.requireNonNull(reading, "reading");
    }
}
