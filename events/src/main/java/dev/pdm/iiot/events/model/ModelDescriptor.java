package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one trained model of one machine is, as published to the compacted {@code machine-models}
 * topic. The serialized forest itself stays in the detector's model store.
 *
 * @param machineId      the machine
 * @param version        1 for the first model, +1 for each retraining
 * @param trainedAt      when it was trained
 * @param samples        training readings
 * @param features       the features, in the model's order
 * @param featureStats   per feature, the training mean and deviation
 * @param threshold      the alarm threshold on the anomaly score
 * @param contamination  the share of training scores above the threshold
 * @param trees          number of trees
 * @param subsample      the subsample rate per tree
 * @param extensionLevel the extension level (0 = the classic Isolation Forest)
 * @param sizeBytes      size of the serialized model
 * @param reason         why it was trained
 */
public record ModelDescriptor(
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("version") int version,
        @JsonProperty("trained_at") Instant trainedAt,
        @JsonProperty("samples") int samples,
        @JsonProperty("features") List<String> features,
        @JsonProperty("feature_stats") List<FeatureStats> featureStats,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("contamination") double contamination,
        @JsonProperty("trees") int trees,
        @JsonProperty("subsample") double subsample,
        @JsonProperty("extension_level") int extensionLevel,
        @JsonProperty("size_bytes") long sizeBytes,
        @JsonProperty("reason") Reason reason) {

    /** Why a model was trained. */
    public enum Reason {
        /** The machine's first N readings. */
        INITIAL,
        /** The machine's normal drifted away from the model. */
        DRIFT,
        /** Somebody asked for it. */
        REQUEST,
        /** The machine's training set grew with readings that raised no alert: the model's normal grows with experience. */
        REFRESH
    }

    public ModelDescriptor {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(trainedAt, "trainedAt");
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        featureStats = List.copyOf(Objects.requireNonNull(featureStats, "featureStats"));
        Objects.requireNonNull(reason, "reason");
    }
}
