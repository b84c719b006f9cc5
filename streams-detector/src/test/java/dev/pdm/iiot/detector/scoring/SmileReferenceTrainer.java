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
 * The trainer as it was before {@link ForestGrower} (commit 476d8bb): Smile 3.1.1's
 * {@link IsolationTree} grown on each tree's subsample, converted to a {@link FlatForest} by
 * {@link SmileForests}, the threshold calibrated by scoring the training readings with it. The
 * reference the grower's forests are compared with, the source of Smile forests for the codec's
 * format 2, and the "before" of {@code TrainingBenchmark}.
 */
public final class SmileReferenceTrainer {

    private final DetectorSettings.Training settings;

    public SmileReferenceTrainer(final DetectorSettings.Training settings) {
        this.settings = settings;
    }

    /** A trained model and the Smile forest it was converted from. */
    public record Fit(TrainedModel model, IsolationForest smile) {
    }

    public Fit fit(final String machineId, final int version, final Instant trainedAt,
                   final ModelDescriptor.Reason reason, final List<String> features, final double[][] rows) {
        final int n = rows.length;
        final int d = features.size();
        final ForestTrainer.Standardized standardized = ForestTrainer.standardize(rows, d);
        final double[] means = standardized.means();
        final double[] stds = standardized.stds();
        final double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = Arrays.copyOfRange(standardized.z(), i * d, (i + 1) * d);
        }
        final long seed = new ForestTrainer(settings).seed(machineId, version);
        final int psi = Math.min(settings.maxSamples(), n);
        final int maxDepth = (int) Math.ceil(Math.log(psi) / Math.log(2));
        final int extension = Math.min(settings.extensionLevel(), d - 1);
        final IsolationForest smile = grow(z, psi, maxDepth, extension, seed);
        final FlatForest forest = SmileForests.toFlat(smile, d, psi);
        final double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = forest.score(z[i]);
        }
        final double threshold = ForestTrainer.quantile(scores, 1.0 - settings.contamination());
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
}
