package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.ModelDescriptor;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Trains a machine's model: standardize the features (as the prototype's StandardScaler did), grow
 * the forest straight into a {@link FlatForest} ({@link ForestGrower}: Smile 3.1.1's Isolation
 * Forest algorithm, without its objects), and calibrate the alarm threshold as the
 * (1 - contamination) quantile of the training readings' own scores, which is what scikit-learn's
 * {@code contamination} does and Smile has no parameter for.
 *
 * <p>Each tree is grown on its own random subsample of min(maxSamples, N) readings without
 * replacement, to depth ceil(log2(subsample)), as in the original algorithm and scikit-learn.
 * (Smile 3.1.1's {@code IsolationForest.fit} grows every tree on all readings whatever its sampling
 * rate says; the trees were grown with its {@code IsolationTree} until the grower replaced it.) The
 * training readings' scores come from the growth itself, equal to what the forest scores them.
 * Training is deterministic for a given machine, version and seed. Thread-safe: it keeps no state
 * between models.
 */
public final class ForestTrainer {

    private final DetectorSettings.Training settings;

    public ForestTrainer(final DetectorSettings.Training settings) {
        this.settings = settings;
    }

    /**
     * @param rows raw feature values of the training readings, in model order
     */
    public TrainedModel train(final String machineId, final int version, final Instant trainedAt,
                              final ModelDescriptor.Reason reason, final List<String> features, final double[][] rows) {
        final int n = rows.length;
        final int d = features.size();
        if (n < 2) {
            throw new IllegalArgumentException("at least two readings are needed to train, got " + n);
        }
        final Standardized standardized = standardize(rows, d);
        final double[] means = standardized.means();
        final double[] stds = standardized.stds();
        final double[] z = standardized.z();

        final long seed = seed(machineId, version);
        final int extension = Math.min(settings.extensionLevel(), d - 1);
        final ForestGrower.Grown grown = ForestGrower.grow(z, d, settings.trees(), settings.maxSamples(), extension,
                seed);
        final FlatForest forest = grown.forest();
        final double[] scores = grown.pathSums();
        for (int i = 0; i < n; i++) {
            scores[i] = forest.scoreOfPaths(scores[i]);
        }
        final double threshold = quantile(scores, 1.0 - settings.contamination());
        return new TrainedModel(machineId, version, trainedAt, reason, features, means, stds, n, threshold,
                settings.contamination(), extension, forest);
    }

    /**
     * The readings standardized per feature: each feature's mean and (population) standard deviation, and the
     * readings as z-scores, row after row ({@code z[i * d + k]}); a constant feature is divided by 1.
     */
    record Standardized(double[] means, double[] stds, double[] z) {
    }

    static Standardized standardize(final double[][] rows, final int d) {
        final int n = rows.length;
        final double[] means = new double[d];
        final double[] stds = new double[d];
        for (final double[] row : rows) {
            for (int k = 0; k < d; k++) {
                means[k] += row[k];
            }
        }
        for (int k = 0; k < d; k++) {
            means[k] /= n;
        }
        for (final double[] row : rows) {
            for (int k = 0; k < d; k++) {
                final double dev = row[k] - means[k];
                stds[k] += dev * dev;
            }
        }
        final double[] z = new double[n * d];
        for (int k = 0; k < d; k++) {
            stds[k] = Math.sqrt(stds[k] / n);
            final double scale = stds[k] > 0 ? stds[k] : 1.0;
            for (int i = 0; i < n; i++) {
                z[i * d + k] = (rows[i][k] - means[k]) / scale;
            }
        }
        return new Standardized(means, stds, z);
    }

    /** The seed of a machine's model version. */
    long seed(final String machineId, final int version) {
        return settings.seed() * 31 + machineId.hashCode() * 1_000_003L + version;
    }

    /** The q-quantile with linear interpolation between order statistics (numpy's default). */
    public static double quantile(final double[] values, final double q) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final double pos = q * (sorted.length - 1);
        final int lo = (int) Math.floor(pos);
        final int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
