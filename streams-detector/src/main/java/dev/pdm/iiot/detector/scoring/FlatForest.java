package dev.pdm.iiot.detector.scoring;

import java.util.Arrays;
import java.util.Objects;

/**
 * An Isolation Forest as flat arrays, for scoring: no object per node, no recursion. Trees are
 * laid out in pre-order one after the other; an internal node's left child is the next node, its
 * right child is at {@link #right}. Scores equal those of the Smile forest it was converted from.
 *
 * <p>A node is one of three kinds, told by {@code feature}:
 * <ul>
 *   <li>{@code feature >= 0}: an axis-parallel split, go left when {@code x[feature] * slope < value};</li>
 *   <li>{@code feature == HYPERPLANE}: an extended split, go left when
 *       {@code dot(x, slopes[slopeIndex]) < value};</li>
 *   <li>{@code feature == LEAF}: {@code value} is the path length of a point that ends here.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe once built.
 */
public final class FlatForest {

    public static final byte LEAF = -1;
    public static final byte HYPERPLANE = -2;

    private final int dimensions;
    private final int sampleSize;
    private final int[] roots;
    private final byte[] feature;
    private final double[] slope;
    private final double[] value;
    private final int[] right;
    private final double[][] hyperplanes;
    private final double normalizer;

    /**
     * @param dimensions  features per point
     * @param sampleSize  readings each tree was grown on (the c(n) of the score)
     * @param roots       index of each tree's root
     * @param feature     per node: a feature index, {@link #LEAF} or {@link #HYPERPLANE}
     * @param slope       per node: the axis split's coefficient, or for a hyperplane node the index
     *                    into {@code hyperplanes}
     * @param value       per node: the split's bias, or a leaf's path length
     * @param right       per node: the right child's index (unused for leaves)
     * @param hyperplanes the normal vectors of hyperplane nodes, may be empty
     */
    public FlatForest(final int dimensions, final int sampleSize, final int[] roots, final byte[] feature,
                      final double[] slope, final double[] value, final int[] right, final double[][] hyperplanes) {
        if (dimensions < 1 || sampleSize < 1 || roots.length == 0) {
            throw new IllegalArgumentException("an empty forest");
        }
        final int n = feature.length;
        if (slope.length != n || value.length != n || right.length != n) {
            throw new IllegalArgumentException("node arrays differ in length");
        }
        this.dimensions = dimensions;
        this.sampleSize = sampleSize;
        this.roots = roots.clone();
        this.feature = feature.clone();
        this.slope = slope.clone();
        this.value = value.clone();
        this.right = right.clone();
        this.hyperplanes = Objects.requireNonNull(hyperplanes, "hyperplanes").clone();
        this.normalizer = averagePathLength(sampleSize);
        validate();
    }

    private void validate() {
        final int n = feature.length;
        for (int i = 0; i < n; i++) {
            final byte f = feature[i];
            if (f == LEAF) {
                continue;
            }
            if (f >= dimensions || f < HYPERPLANE) {
                throw new IllegalArgumentException("node " + i + " splits on unknown feature " + f);
            }
            if (i + 1 >= n || right[i] <= i + 1 || right[i] >= n) {
                throw new IllegalArgumentException("node " + i + " has children outside the forest");
            }
            if (f == HYPERPLANE) {
                final int h = (int) slope[i];
                if (h < 0 || h >= hyperplanes.length || hyperplanes[h].length != dimensions) {
                    throw new IllegalArgumentException("node " + i + " refers to a missing hyperplane");
                }
            }
        }
        for (final int root : roots) {
            if (root < 0 || root >= n) {
                throw new IllegalArgumentException("a root lies outside the forest");
            }
        }
    }

    /** The classic anomaly score 2^(-E(h(x))/c(n)), 0 to 1, higher is more anomalous. */
    public double score(final double[] x) {
        if (x.length != dimensions) {
            throw new IllegalArgumentException("expected " + dimensions + " features, got " + x.length);
        }
        double sum = 0;
        for (final int root : roots) {
            sum += path(root, x);
        }
        return Math.pow(2.0, -(sum / roots.length) / normalizer);
    }

    private double path(final int root, final double[] x) {
        int i = root;
        while (true) {
            final byte f = feature[i];
            if (f == LEAF) {
                return value[i];
            }
            final double projection = f >= 0 ? x[f] * slope[i] : dot(hyperplanes[(int) slope[i]], x);
            i = projection < value[i] ? i + 1 : right[i];
        }
    }

    private static double dot(final double[] a, final double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    /** c(n): the average path length of an unsuccessful search in a binary search tree of n points. */
    public static double averagePathLength(final int n) {
        if (n <= 1) {
            return 0;
        }
        return 2.0 * (Math.log(n - 1) + 0.5772156649 - (n - 1.0) / n);
    }

    public int dimensions() {
        return dimensions;
    }

    public int sampleSize() {
        return sampleSize;
    }

    public int trees() {
        return roots.length;
    }

    public int nodes() {
        return feature.length;
    }

    int[] roots() {
        return roots;
    }

    byte[] feature() {
        return feature;
    }

    double[] slope() {
        return slope;
    }

    double[] value() {
        return value;
    }

    int[] right() {
        return right;
    }

    double[][] hyperplanes() {
        return hyperplanes;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof FlatForest f && dimensions == f.dimensions && sampleSize == f.sampleSize
                && Arrays.equals(roots, f.roots) && Arrays.equals(feature, f.feature)
                && Arrays.equals(slope, f.slope) && Arrays.equals(value, f.value)
                && Arrays.equals(right, f.right) && Arrays.deepEquals(hyperplanes, f.hyperplanes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dimensions, sampleSize, Arrays.hashCode(feature), Arrays.hashCode(value));
    }
}
