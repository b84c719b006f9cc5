package dev.pdm.iiot.detector.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flat forest's walks against a plain walk of the node arrays it was built from. */
class FlatForestTest {

    private static final int D = 5;

    /** A forest in the constructor's arrays, the trees grown at random. */
    private static final class Arrays {
        final List<Byte> feature = new ArrayList<>();
        final List<Double> slope = new ArrayList<>();
        final List<Double> value = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<double[]> hyperplanes = new ArrayList<>();
        final int[] roots;
        final SplittableRandom random;
        final boolean planes;
        final boolean oddSlopes;

        Arrays(final int trees, final long seed, final boolean planes, final boolean oddSlopes) {
            this.random = new SplittableRandom(seed);
            this.planes = planes;
            this.oddSlopes = oddSlopes;
            roots = new int[trees];
            for (int t = 0; t < trees; t++) {
                roots[t] = feature.size();
                grow(0, random.nextInt(10));
            }
        }

        private void grow(final int depth, final int maxDepth) {
            final int index = feature.size();
            if (depth >= maxDepth || random.nextInt(6) == 0) {
                feature.add(FlatForest.LEAF);
                slope.add(0.0);
                value.add(depth + random.nextDouble(3));
                right.add(0);
                return;
            }
            if (planes && random.nextInt(3) == 0) {
                final double[] normal = new double[D];
                for (int k = 0; k < D; k++) {
                    normal[k] = random.nextGaussian();
                }
                feature.add(FlatForest.HYPERPLANE);
                slope.add((double) hyperplanes.size());
                hyperplanes.add(normal);
            } else {
                feature.add((byte) random.nextInt(D));
                slope.add(oddSlopes && random.nextInt(4) == 0 ? random.nextDouble(-3, 3) : random.nextBoolean() ? 1.0 : -1.0);
            }
            value.add(random.nextGaussian());
            right.add(0);
            grow(depth + 1, maxDepth);
            right.set(index, feature.size());
            grow(depth + 1, maxDepth);
        }

        FlatForest build() {
            final int n = feature.size();
            final byte[] f = new byte[n];
            final double[] s = new double[n];
            final double[] v = new double[n];
            final int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                f[i] = feature.get(i);
                s[i] = slope.get(i);
                v[i] = value.get(i);
                r[i] = right.get(i);
            }
            return new FlatForest(D, 256, roots, f, s, v, r, hyperplanes.toArray(new double[0][]));
        }

        /** The score by walking the arrays one tree at a time, as the forest's definition reads. */
        double score(final double[] x) {
            double sum = 0;
            for (final int root : roots) {
                int i = root;
                while (feature.get(i) != FlatForest.LEAF) {
                    final double projection;
                    if (feature.get(i) == FlatForest.HYPERPLANE) {
                        final double[] normal = hyperplanes.get((int) (double) slope.get(i));
                        double dot = 0;
                        for (int k = 0; k < D; k++) {
                            dot += normal[k] * x[k];
                        }
                        projection = dot;
                    } else {
                        projection = x[feature.get(i)] * slope.get(i);
                    }
                    i = projection < value.get(i) ? i + 1 : right.get(i);
                }
                sum += value.get(i);
            }
            return Math.pow(2.0, -(sum / roots.length) / FlatForest.averagePathLength(256));
        }

        int depth() {
            int deepest = 0;
            for (final int root : roots) {
                deepest = Math.max(deepest, depthBelow(root));
            }
            return deepest;
        }

        private int depthBelow(final int i) {
            return feature.get(i) == FlatForest.LEAF ? 0 : 1 + Math.max(depthBelow(i + 1), depthBelow(right.get(i)));
        }
    }

    private static double[] point(final SplittableRandom r) {
        final double[] x = new double[D];
        for (int k = 0; k < D; k++) {
            x[k] = r.nextInt(20) == 0 ? 0.0 : r.nextGaussian() * 2;
        }
        return x;
    }

    @Test
    void axisSplitForestsScoreExactlyAsTheirArraysSayForEveryCountOfTrees() {
        final SplittableRandom r = new SplittableRandom(7);
        // 1 to 20 trees: fewer than, exactly and more than the trees walked side by side
        for (int trees = 1; trees <= 20; trees++) {
            final Arrays arrays = new Arrays(trees, trees, false, false);
            final FlatForest forest = arrays.build();
            assertThat(forest.depth()).isEqualTo(arrays.depth());
            for (int p = 0; p < 200; p++) {
                final double[] x = point(r);
                assertThat(forest.score(x)).as("%d trees", trees).isEqualTo(arrays.score(x));
            }
        }
    }

    @Test
    void hyperplanesAndAxisSlopesOtherThanOneScoreExactlyAsTheirArraysSay() {
        final SplittableRandom r = new SplittableRandom(8);
        for (final boolean planes : new boolean[]{false, true}) {
            final Arrays arrays = new Arrays(13, 3, planes, true);
            final FlatForest forest = arrays.build();
            for (int p = 0; p < 500; p++) {
                final double[] x = point(r);
                assertThat(forest.score(x)).isEqualTo(arrays.score(x));
            }
        }
    }

    @Test
    void aPointOnASplitValueGoesRightAsInSmile() {
        // one split at 0.5 on feature 2: x < 0.5 goes left (path 1), else right (path 3)
        final FlatForest forest = new FlatForest(D, 256, new int[]{0}, new byte[]{2, FlatForest.LEAF, FlatForest.LEAF},
                new double[]{1.0, 0, 0}, new double[]{0.5, 1.0, 3.0}, new int[]{2, 0, 0}, new double[0][]);
        final double left = forest.score(new double[]{0, 0, 0.4999, 0, 0});
        final double onIt = forest.score(new double[]{0, 0, 0.5, 0, 0});
        assertThat(onIt).isLessThan(left);
        assertThat(forest.depth()).isEqualTo(1);
    }

    @Test
    void aTreeThatIsOneLeafScoresItsPathLength() {
        final FlatForest forest = new FlatForest(D, 256, new int[]{0}, new byte[]{FlatForest.LEAF},
                new double[]{0}, new double[]{4.0}, new int[]{0}, new double[0][]);
        assertThat(forest.score(new double[D]))
                .isEqualTo(Math.pow(2.0, -4.0 / FlatForest.averagePathLength(256)));
        assertThat(forest.depth()).isZero();
    }

    @Test
    void childrenOutsideTheForestAreRefused() {
        assertThatThrownBy(() -> new FlatForest(D, 256, new int[]{0}, new byte[]{1, FlatForest.LEAF},
                new double[]{1.0, 0}, new double[]{0.5, 1.0}, new int[]{5, 0}, new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("children outside");
    }
}
