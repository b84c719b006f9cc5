package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.Sensors;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The grown forests have the properties of the Isolation Forest algorithm: each tree stops at the
 * depth limit of its subsample, each leaf's path length counts the subsample's readings that reach
 * it, each split lies within its node's readings and is drawn uniformly, the same seed grows the
 * same forest, and the training readings' scores from the growth are the forest's.
 */
class ForestGrowerTest {

    private static final int D = 5;
    private static final Instant T = Instant.parse("2025-11-21T08:00:00Z");

    /** Standardized-looking readings, row after row. */
    private static double[] readings(final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final double[] z = new double[n * D];
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextGaussian();
        }
        return z;
    }

    private static double[] row(final double[] z, final int i) {
        return Arrays.copyOfRange(z, i * D, (i + 1) * D);
    }

    private static int depthLimit(final int subsample) {
        return (int) Math.ceil(Math.log(subsample) / Math.log(2));
    }

    /** The child of an internal node a point goes to, as the forest's definition reads. */
    private static int child(final FlatForest f, final int node, final double[] x) {
        final double projection;
        if (f.feature(node) == FlatForest.HYPERPLANE) {
            final double[] normal = f.hyperplane((int) f.slope(node));
            double dot = 0;
            for (int k = 0; k < D; k++) {
                dot += normal[k] * x[k];
            }
            projection = dot;
        } else {
            projection = x[f.feature(node)] * f.slope(node);
        }
        return projection < f.value(node) ? f.left(node) : f.right(node);
    }

    /** Calls {@code leaf} for every leaf of the tree at {@code node}, with its depth and the readings that reach it. */
    private static void leaves(final FlatForest f, final int node, final int depth, final double[] z,
                               final int[] reaching, final LeafCheck leaf) {
        if (f.feature(node) == FlatForest.LEAF) {
            leaf.check(node, depth, reaching);
            return;
        }
        final int[] left = Arrays.stream(reaching).filter(i -> child(f, node, row(z, i)) == f.left(node)).toArray();
        final int[] right = Arrays.stream(reaching).filter(i -> child(f, node, row(z, i)) != f.left(node)).toArray();
        leaves(f, f.left(node), depth + 1, z, left, leaf);
        leaves(f, f.right(node), depth + 1, z, right, leaf);
    }

    private interface LeafCheck {
        void check(int node, int depth, int[] reaching);
    }

    @Test
    void everyTreeStopsAtTheDepthLimitOfItsSubsample() {
        // readings, most per tree, the subsample's depth limit
        final int[][] cases = {{2, 256, 1}, {3, 256, 2}, {30, 256, 5}, {256, 256, 8}, {600, 256, 8}, {600, 64, 6}};
        for (final int[] c : cases) {
            final FlatForest forest = ForestGrower.grow(readings(c[0], c[0]), D, 100, c[1], 0, 7).forest();
            assertThat(forest.sampleSize()).isEqualTo(Math.min(c[0], c[1]));
            assertThat(depthLimit(forest.sampleSize())).isEqualTo(c[2]);
            assertThat(forest.depth()).as("%d readings, at most %d per tree", c[0], c[1]).isEqualTo(c[2]);
            assertThat(forest.trees()).isEqualTo(100);
        }
    }

    @Test
    void everyLeafsPathLengthIsItsDepthPlusTheAveragePathOfTheReadingsThatReachIt() {
        for (final int n : new int[]{30, 256}) {
            for (final int extension : new int[]{0, 2}) {
                final double[] z = readings(n, n + extension);
                final FlatForest forest = ForestGrower.grow(z, D, 100, 256, extension, 11).forest();
                final int limit = depthLimit(n);
                final int[] all = IntStream.range(0, n).toArray();
                final int[] reached = new int[1];
                for (final int root : forest.roots()) {
                    leaves(forest, root, 0, z, all, (leaf, depth, reaching) -> {
                        final int size = reaching.length;
                        // every reading is in every tree's subsample here: the leaf holds exactly those that reach it
                        assertThat(forest.value(leaf))
                                .isEqualTo(size > 1 ? depth + FlatForest.averagePathLength(size) : depth);
                        if (depth < limit) {
                            assertThat(size).as("a leaf above the depth limit").isLessThanOrEqualTo(1);
                        }
                        reached[0] += size;
                    });
                }
                assertThat(reached[0]).isEqualTo(100 * n);
            }
        }
    }

    @Test
    void eachTreeIsGrownOnASubsampleOfItsSizeWithoutReplacement() {
        final double[] z = readings(600, 5);
        final FlatForest forest = ForestGrower.grow(z, D, 100, 256, 0, 13).forest();
        final int[] all = IntStream.range(0, 600).toArray();
        for (final int root : forest.roots()) {
            final int[] held = new int[2]; // readings of leaves of two or more, leaves of at most one
            leaves(forest, root, 0, z, all, (leaf, depth, reaching) -> {
                final double extra = forest.value(leaf) - depth;
                if (extra == 0.0) {
                    held[1]++;
                    return;
                }
                int size = 2;
                while (Math.abs(depth + FlatForest.averagePathLength(size) - forest.value(leaf)) > 1e-9) {
                    size++;
                    assertThat(size).as("a leaf's path length that no count gives").isLessThanOrEqualTo(256);
                }
                // the leaf's readings are some of those that reach it
                assertThat(size).isLessThanOrEqualTo(reaching.length);
                held[0] += size;
            });
            // 256 readings, each in one leaf; a leaf of path length = depth holds one or none
            assertThat(held[0]).isLessThanOrEqualTo(256);
            assertThat(held[0] + held[1]).isGreaterThanOrEqualTo(256);
        }
    }

    @Test
    void eachTreeDrawsItsOwnSubsampleWithoutReplacement() {
        // one feature, the readings 0 to 9, two per tree: the root splits between the tree's two readings
        final double[] z = IntStream.range(0, 10).asDoubleStream().toArray();
        final FlatForest forest = ForestGrower.grow(z, 1, 1000, 2, 0, 67).forest();
        final int[] between = new int[9];
        double sum = 0;
        for (final int root : forest.roots()) {
            assertThat(forest.feature(root)).isZero();
            // two different readings: one in each leaf (the same reading twice would not split)
            assertThat(forest.value(forest.left(root))).isEqualTo(1.0);
            assertThat(forest.value(forest.right(root))).isEqualTo(1.0);
            final double at = forest.value(root) * forest.slope(root);
            assertThat(at).isBetween(0.0, 9.0);
            between[(int) Math.min(8, Math.floor(at))]++;
            sum += at;
        }
        // a random pair per tree: splits between every two neighbouring readings, symmetric about 4.5
        for (int k = 0; k < 9; k++) {
            assertThat(between[k]).as("splits between %d and %d", k, k + 1).isGreaterThan(20);
        }
        assertThat(sum / 1000).isCloseTo(4.5, within(0.3));
    }

    @Test
    void everySplitLiesWithinItsNodesReadingsAndIsDrawnUniformly() {
        final double[] z = readings(256, 17);
        final FlatForest forest = ForestGrower.grow(z, D, 100, 256, 0, 19).forest();
        final int[] features = new int[D];
        final int[] negative = new int[1];
        final double[] positions = new double[1];
        final int[] quarter = new int[1];
        final int[] splits = new int[1];
        for (final int root : forest.roots()) {
            splits(forest, root, z, IntStream.range(0, 256).toArray(), (node, reaching) -> {
                final int f = forest.feature(node);
                final double slope = forest.slope(node);
                final double at = forest.value(node) * slope;
                final double min = Arrays.stream(reaching).mapToDouble(i -> z[i * D + f]).min().orElseThrow();
                final double max = Arrays.stream(reaching).mapToDouble(i -> z[i * D + f]).max().orElseThrow();
                assertThat(at).isBetween(min, max);
                features[f]++;
                negative[0] += slope < 0 ? 1 : 0;
                positions[0] += (at - min) / (max - min);
                quarter[0] += (at - min) / (max - min) < 0.25 ? 1 : 0;
                splits[0]++;
            });
        }
        final int s = splits[0];
        assertThat(s).isGreaterThan(5000);
        // a feature uniformly (each 0.2, sd 0.005), the value uniformly in the node's range (mean 0.5,
        // sd 0.004; a quarter below 0.25), either side left as often
        for (int k = 0; k < D; k++) {
            assertThat((double) features[k] / s).as("feature %d", k).isCloseTo(0.2, within(0.025));
        }
        assertThat(positions[0] / s).isCloseTo(0.5, within(0.025));
        assertThat((double) quarter[0] / s).isCloseTo(0.25, within(0.025));
        assertThat((double) negative[0] / s).isCloseTo(0.5, within(0.04));
    }

    @Test
    void anExtendedSplitHasExtensionPlusOneFeaturesAndLiesWithinItsNodesReadings() {
        final double[] z = readings(256, 23);
        final FlatForest forest = ForestGrower.grow(z, D, 30, 256, 2, 29).forest();
        final int[] splits = new int[1];
        for (final int root : forest.roots()) {
            splits(forest, root, z, IntStream.range(0, 256).toArray(), (node, reaching) -> {
                assertThat(forest.feature(node)).isEqualTo(FlatForest.HYPERPLANE);
                final double[] normal = forest.hyperplane((int) forest.slope(node));
                assertThat(Arrays.stream(normal).filter(c -> c != 0.0).count()).isEqualTo(3);
                // the split passes through a point of the readings' bounding box
                double low = 0;
                double high = 0;
                for (int k = 0; k < D; k++) {
                    final int feature = k;
                    final double min = Arrays.stream(reaching).mapToDouble(i -> z[i * D + feature]).min().orElseThrow();
                    final double max = Arrays.stream(reaching).mapToDouble(i -> z[i * D + feature]).max().orElseThrow();
                    low += Math.min(normal[k] * min, normal[k] * max);
                    high += Math.max(normal[k] * min, normal[k] * max);
                }
                assertThat(forest.value(node)).isBetween(low - 1e-9, high + 1e-9);
                splits[0]++;
            });
        }
        assertThat(splits[0]).isGreaterThan(1000);
    }

    /** Calls {@code split} for every internal node of the tree at {@code node} with the readings that reach it. */
    private static void splits(final FlatForest f, final int node, final double[] z, final int[] reaching,
                               final SplitCheck split) {
        if (f.feature(node) == FlatForest.LEAF) {
            return;
        }
        split.check(node, reaching);
        final int[] left = Arrays.stream(reaching).filter(i -> child(f, node, row(z, i)) == f.left(node)).toArray();
        final int[] right = Arrays.stream(reaching).filter(i -> child(f, node, row(z, i)) != f.left(node)).toArray();
        splits(f, f.left(node), z, left, split);
        splits(f, f.right(node), z, right, split);
    }

    private interface SplitCheck {
        void check(int node, int[] reaching);
    }

    @Test
    void theSameSeedGrowsTheSameForestAndAnotherSeedAnother() {
        final double[] z = readings(300, 31);
        final ForestGrower.Grown a = ForestGrower.grow(z, D, 100, 256, 0, 37);
        final ForestGrower.Grown b = ForestGrower.grow(z, D, 100, 256, 0, 37);
        final ForestGrower.Grown c = ForestGrower.grow(z, D, 100, 256, 0, 38);
        assertThat(a.forest()).isEqualTo(b.forest());
        assertThat(a.pathSums()).containsExactly(b.pathSums());
        assertThat(c.forest()).isNotEqualTo(a.forest());

        final double[][] rows = ForestTest.healthy(30, 41);
        final ForestTrainer trainer = new ForestTrainer(DetectorSettings.Training.defaults());
        final TrainedModel v1 = trainer.train("M1", 1, T, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
        final TrainedModel again = trainer.train("M1", 1, T.plusSeconds(60), ModelDescriptor.Reason.INITIAL,
                Sensors.PHYSICAL, rows);
        final TrainedModel v2 = trainer.train("M1", 2, T, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
        final TrainedModel other = trainer.train("M2", 1, T, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
        final TrainedModel seeded = new ForestTrainer(DetectorSettings.Training.defaults().withSeed(43))
                .train("M1", 1, T, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
        assertThat(again.forest()).isEqualTo(v1.forest());
        assertThat(again.threshold()).isEqualTo(v1.threshold());
        assertThat(v2.forest()).isNotEqualTo(v1.forest());
        assertThat(other.forest()).isNotEqualTo(v1.forest());
        assertThat(seeded.forest()).isNotEqualTo(v1.forest());
    }

    @Test
    void theTrainingReadingsScoresFromTheGrowthAreTheForestsScores() {
        // readings, most per tree, extension level: every reading in every tree, or some left out
        final int[][] cases = {{30, 256, 0}, {256, 256, 0}, {600, 256, 0}, {256, 256, 3}, {600, 128, 4}};
        for (final int[] c : cases) {
            final double[] z = readings(c[0], 43 + c[2]);
            final ForestGrower.Grown grown = ForestGrower.grow(z, D, 100, c[1], c[2], 47);
            for (int i = 0; i < c[0]; i++) {
                assertThat(grown.forest().scoreOfPaths(grown.pathSums()[i])).as("reading %d of %d", i, c[0])
                        .isEqualTo(grown.forest().score(row(z, i)));
            }
        }
        for (final int n : new int[]{30, 600}) {
            final double[][] rows = ForestTest.healthy(n, 53);
            final TrainedModel model = new ForestTrainer(DetectorSettings.Training.defaults().withSamples(n))
                    .train("M1", 1, T, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
            final double[] scores = Arrays.stream(rows).mapToDouble(model::score).toArray();
            assertThat(model.threshold()).isEqualTo(ForestTrainer.quantile(scores, 0.85));
        }
    }

    @Test
    void theForestsAreDistributedAsSmilesIsolationTrees() {
        // 40 model versions each way, the trainer against Smile's own trees (the trainer before), on
        // continuous readings: the means of the nodes, the threshold and the scores of 40 readings
        // (half of them far out) agree within about four standard errors of their differences (at 40
        // versions about 0.65 % of the nodes, 0.0014 of a threshold, 0.0027 of a score)
        final SplittableRandom r = new SplittableRandom(71);
        final double[][] points = new double[40][];
        for (int i = 0; i < points.length; i++) {
            final double spread = i % 2 == 0 ? 4 : 1;
            points[i] = new double[]{65 + spread * r.nextGaussian(), 2 + spread * 0.1 * r.nextGaussian(),
                10 + spread * 0.3 * r.nextGaussian(), 6 + spread * 0.05 * r.nextGaussian(),
                1500 + spread * 8 * r.nextGaussian()};
        }
        for (final int n : new int[]{30, 256}) {
            for (final int extension : new int[]{0, 2}) {
                final double[][] rows = ForestTest.healthy(n, 73);
                final DetectorSettings.Training settings = DetectorSettings.Training.defaults().withSamples(n)
                        .withExtensionLevel(extension);
                final double[] nodes = new double[2];
                final double[] thresholds = new double[2];
                final double[][] scores = new double[2][points.length];
                for (int version = 1; version <= 40; version++) {
                    final TrainedModel grown = new ForestTrainer(settings)
                            .train("M1", version, T, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
                    final TrainedModel smile = new SmileReferenceTrainer(settings)
                            .fit("M1", version, T, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows).model();
                    final TrainedModel[] models = {grown, smile};
                    for (int m = 0; m < 2; m++) {
                        nodes[m] += models[m].forest().nodes() / 40.0;
                        thresholds[m] += models[m].threshold() / 40.0;
                        for (int i = 0; i < points.length; i++) {
                            scores[m][i] += models[m].score(points[i]) / 40.0;
                        }
                    }
                    assertThat(grown.forest().depth()).isEqualTo(smile.forest().depth());
                }
                final String label = n + " readings, extension level " + extension;
                assertThat(nodes[0]).as(label).isCloseTo(nodes[1], within(0.025 * nodes[1]));
                assertThat(thresholds[0]).as(label).isCloseTo(thresholds[1], within(0.005));
                for (int i = 0; i < points.length; i++) {
                    assertThat(scores[0][i]).as("%s, reading %d", label, i).isCloseTo(scores[1][i], within(0.012));
                }
            }
        }
    }

    @Test
    void clearOutliersScoreAboveTheThresholdAndTheTrainingBulkBelowIt() {
        for (final int n : new int[]{30, 256}) {
            final double[][] rows = ForestTest.healthy(n, 59);
            final TrainedModel model = new ForestTrainer(DetectorSettings.Training.defaults().withSamples(n))
                    .train("M1", 1, T, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
            // four of the five sensors 6 deviations off their means, in either direction (one sensor
            // alone is not a clear outlier to an axis-parallel forest: the other four keep it central)
            for (int k = 0; k < D; k++) {
                final double[] outlier = model.means().clone();
                for (int j = 0; j < D; j++) {
                    if (j != k) {
                        outlier[j] += ((j + k) % 2 == 0 ? 6 : -6) * model.scale(j);
                    }
                }
                assertThat(model.score(outlier)).as("%d readings, all but sensor %d off", n, k)
                        .isGreaterThan(model.threshold());
            }
            assertThat(model.score(model.means())).isLessThan(model.threshold());
            final long trainingBelow = Arrays.stream(rows).filter(x -> model.score(x) <= model.threshold()).count();
            assertThat((double) trainingBelow / n).isBetween(0.8, 0.9);
            final double[][] unseen = ForestTest.healthy(1000, 61);
            final long unseenBelow = Arrays.stream(unseen).filter(x -> model.score(x) <= model.threshold()).count();
            assertThat(unseenBelow).isGreaterThan(650);
        }
    }
}
