package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.events.model.FeatureStats;
import dev.pdm.iiot.events.model.ModelDescriptor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One machine's model: the forest over standardized features, the training distribution of each
 * feature and the alarm threshold. Immutable and thread-safe.
 *
 * @param machineId      the machine
 * @param version        1 for the first model, +1 per retraining
 * @param trainedAt      when it was trained
 * @param reason         why
 * @param features       feature names in model order
 * @param means          training mean per feature
 * @param stds           training standard deviation per feature (population, as scikit-learn's StandardScaler)
 * @param samples        training readings
 * @param threshold      alarm threshold on the anomaly score
 * @param contamination  share of training scores above the threshold
 * @param extensionLevel the forest's extension level
 * @param forest         the forest, over standardized features
 */
public record TrainedModel(
        String machineId,
        int version,
        Instant trainedAt,
        ModelDescriptor.Reason reason,
        List<String> features,
        double[] means,
        double[] stds,
        int samples,
        double threshold,
        double contamination,
        int extensionLevel,
        FlatForest forest) {

    public TrainedModel {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(reason, "reason");
        features = List.copyOf(features);
        Objects.requireNonNull(forest, "forest");
        if (means.length != features.size() || stds.length != features.size()
                || forest.dimensions() != features.size()) {
            throw new IllegalArgumentException("features, statistics and forest disagree in dimensions");
        }
    }

    /** The anomaly score (0 to 1, higher is more anomalous) of raw feature values in model order. */
    public double score(final double[] raw) {
        final double[] z = new double[raw.length];
        for (int k = 0; k < raw.length; k++) {
            z[k] = (raw[k] - means[k]) / scale(k);
        }
        return forest.score(z);
    }

    /** The divisor of standardization: the deviation, or 1 for a feature that was constant in training. */
    public double scale(final int k) {
        return stds[k] > 0 ? stds[k] : 1.0;
    }

    /** Share of each tree's training readings: n / N. */
    public double subsample() {
        return Math.min(1.0, (double) forest.sampleSize() / samples);
    }

    public ModelDescriptor descriptor(final long sizeBytes) {
        final List<FeatureStats> stats = new ArrayList<>(features.size());
        for (int k = 0; k < features.size(); k++) {
            stats.add(new FeatureStats(features.get(k), means[k], stds[k]));
        }
        return new ModelDescriptor(machineId, version, trainedAt, samples, features, stats, threshold,
                contamination, forest.trees(), subsample(), extensionLevel, sizeBytes, reason);
    }
}
