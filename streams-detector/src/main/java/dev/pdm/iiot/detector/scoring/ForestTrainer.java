package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.ModelDescriptor;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a machine's model with Smile: standardize the features (as the prototype's StandardScaler
 * did), grow the trees, convert the forest to a {@link FlatForest}, and calibrate the alarm
 * threshold as the (1 - contamination) quantile of the training readings' own scores, which is
 * what scikit-learn's {@code contamination} does and Smile has no parameter for.
 *
 * <p>Each tree is grown on its own random subsample of min(maxSamples, N) readings without
 * replacement, to depth ceil(log2(subsample)), as in the original algorithm and scikit-learn.
 * (Smile 3.1.1's {@code IsolationForest.fit} grows every tree on all readings whatever its
 * sampling rate says, so the trees are built here with its public {@link IsolationTree}
 * constructor.) Training is deterministic for a given machine, version and seed.
 */
public final class ForestTrainer {

    private final DetectorSettings.Training settings;

    public ForestTrainer(final DetectorSettings.Training settings) {
        this.settings = settings;
    }

    /** A trained model and the Smile forest it was converted from. */
    public record Fit(TrainedModel model, IsolationForest smile) {
    }

    /**
     * @param rows raw feature values of the training readings, in model order
     */
    public TrainedModel train(final String machineId, final int version, final Instant trainedAt,
                              final ModelDescriptor.Reason reason, final List<String> features, final double[][] rows) {
        return fit(machineId, version, trainedAt, reason, features, rows).model();
    }

    /** Like {@link #train}, keeping Smile's forest too (for its Java serialization). */
    public Fit fit(final String machineId, final int version, final Instant trainedAt,
                   final ModelDescriptor.Reason reason, final List<String> features, final double[][] rows) {
        final int n = rows.length;
        final int d = features.size();
        if (n < 2) {
            throw new IllegalArgumentException("at least two readings are needed to train, got " + n);
        }
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
        final double[][] z = new double[n][d];
        for (int k = 0; k < d; k++) {
            stds[k] = Math.sqrt(stds[k] / n);
            final double scale = stds[k] > 0 ? stds[k] : 1.0;
            for (int i = 0; i < n; i++) {
                z[i][k] = (rows[i][k] - means[k]) / scale;
            }
        }

        final long seed = settings.seed() * 31 + machineId.hashCode() * 1_000_003L + version;
        final int psi = Math.min(settings.maxSamples(), n);
        final int maxDepth = (int) Math.ceil(Math.log(psi) / Math.log(2));
        final int extension = Math.min(settings.extensionLevel(), d - 1);
        final IsolationForest smile = grow(z, psi, maxDepth, extension, seed);
        final FlatForest forest = SmileForests.toFlat(smile, d, psi);

        final double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = forest.score(z[i]);
        }
        final double threshold = quantile(scores, 1.0 - settings.contamination());
        return new Fit(new TrainedModel(machineId, version, trainedAt, reason, features, means, stds, n, threshold,
                settings.contamination(), extension, forest), smile);
    }

    private IsolationForest grow(final double[][] z, final int psi, final int maxDepth, final int extension,
                                 final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final int n = z.length;
        final int[] index = new int[n];
        final IsolationTree[] trees = new IsolationTree[settings.trees()];
        synchronized (MathEx.class) {
            // Smile draws its split points from a per-thread generator; seed it for reproducible trees.
            MathEx.setSeed(seed);
            for (int t = 0; t < trees.length; t++) {
                for (int i = 0; i < n; i++) {
                    index[i] = i;
                }
                final List<double[]> sample = new ArrayList<>(psi);
                for (int i = 0; i < psi; i++) {
                    final int j = i + random.nextInt(n - i);
                    final int swap = index[i];
                    index[i] = index[j];
                    index[j] = swap;
                    sample.add(z[index[i]]);
                }
                trees[t] = new IsolationTree(sample, maxDepth, extension);
            }
        }
        return new IsolationForest(psi, extension, trees);
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
