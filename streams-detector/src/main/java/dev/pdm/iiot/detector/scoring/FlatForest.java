package dev.pdm.iiot.detector.scoring;

import java.util.Arrays;
import java.util.Objects;

/**
 * An Isolation Forest as one flat array, for scoring: no object per node, no recursion. Trees are
 * laid out in pre-order one after the other; an internal node's left child is the next node, its
 * right child is at {@link #right}. The trainer grows it node by node ({@link ForestGrower}); a
 * stored model is read into it ({@link ForestCodec}); a Smile forest converted to it
 * ({@link SmileForests}) scores exactly as Smile does.
 *
 * <p>A node is one of three kinds, told by {@code feature}:
 * <ul>
 *   <li>{@code feature >= 0}: an axis-parallel split, go left when {@code x[feature] * slope < value};</li>
 *   <li>{@code feature == HYPERPLANE}: an extended split, go left when
 *       {@code dot(x, slopes[slopeIndex]) < value};</li>
 *   <li>{@code feature == LEAF}: {@code value} is the path length of a point that ends here.</li>
 * </ul>
 *
 * <p>In memory the forest is one {@code long} array, node after node in pre-order, two slots per
 * node: a head (its feature, the slope's sign, its right child's slot) and its value's bits. A
 * leaf's head points both ways at the leaf itself. A detector holds thousands of forests, far more
 * than the processor's caches, so a score is bound by memory latency: about eight dependent loads
 * in each of a hundred trees. Scoring therefore walks {@value #LANES} trees side by side for exactly
 * the forest's depth (a leaf keeps a walk where it is), so that their loads are in flight together
 * and no step branches on the data. Forests with extended (hyperplane) splits are walked one tree at
 * a time.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class FlatForest {

    public static final byte LEAF = -1;
    public static final byte HYPERPLANE = -2;

    /** Trees walked side by side: {@link #lockstepPaths} names one variable per lane. */
    static final int LANES = 8;

    /*
     * A head: bits 0-6 the feature, 7 a leaf (whose left child is then itself, not the next node),
     * 8-35 the right child's slot (a leaf's own), 36-61 the hyperplane's index, 62 a hyperplane
     * split, 63 an axis split's sign: set on the bits of 1.0 it gives the slope, -1 or 1, so that the
     * walk multiplies by it rather than branching.
     */
    private static final int MAX_DIMENSIONS = 128;
    private static final long FEATURE_MASK = 0x7F;
    private static final long LEAF_BIT = 1L << 7;
    private static final int RIGHT_SHIFT = 8;
    private static final long RIGHT_MASK = (1L << 28) - 1;
    private static final int PLANE_SHIFT = 36;
    private static final long PLANE_MASK = (1L << 26) - 1;
    private static final long PLANE_BIT = 1L << 62;
    private static final long ONE = Double.doubleToRawLongBits(1.0);
    /** The deepest tree a forest may have (a byte per node while it is checked). */
    private static final int MAX_DEPTH = 127;

    private final int dimensions;
    private final int sampleSize;
    /** Each tree's root slot. */
    private final int[] roots;
    private final long[] slots;
    private final double[][] hyperplanes;
    /** Steps from a root to the deepest leaf. */
    private final int depth;
    private final boolean axisOnly;
    private final double normalizer;

    /**
     * A forest from its nodes in arrays, one entry per node in pre-order.
     *
     * @param dimensions  features per point
     * @param sampleSize  readings each tree was grown on (the c(n) of the score)
     * @param roots       index of each tree's root
     * @param feature     per node: a feature index, {@link #LEAF} or {@link #HYPERPLANE}
     * @param slope       per node: the axis split's coefficient, or for a hyperplane node the index
     *                    into {@code hyperplanes}
     * @param value       per node: the split's bias, or a leaf's path length
     * @param right       per node: the right child's index (unused for leaves); the left child is
     *                    the next node
     * @param hyperplanes the normal vectors of hyperplane nodes, may be empty
     */
    public FlatForest(final int dimensions, final int sampleSize, final int[] roots, final byte[] feature,
                      final double[] slope, final double[] value, final int[] right, final double[][] hyperplanes) {
        this(roots, fromArrays(dimensions, sampleSize, roots, feature, slope, value, right, hyperplanes));
    }

    private FlatForest(final int[] roots, final FlatForest built) {
        this(built.dimensions, built.sampleSize, roots, built.slots, built.hyperplanes);
    }

    /**
     * A forest from its slots, as {@link FlatForestBuilder} writes them; checked, not copied.
     *
     * @param roots each tree's root node (a node's slots are {@code 2 * node} and {@code 2 * node + 1})
     */
    FlatForest(final int dimensions, final int sampleSize, final int[] roots, final long[] slots,
               final double[][] hyperplanes) {
        if (dimensions < 1 || sampleSize < 1 || roots.length == 0) {
            throw new IllegalArgumentException("an empty forest");
        }
        if (dimensions >= MAX_DIMENSIONS) {
            throw new IllegalArgumentException("at most " + (MAX_DIMENSIONS - 1) + " features, got " + dimensions);
        }
        if (slots.length > RIGHT_MASK) {
            throw new IllegalArgumentException("a forest of " + slots.length / 2 + " nodes, at most "
                    + RIGHT_MASK / 2);
        }
        this.dimensions = dimensions;
        this.sampleSize = sampleSize;
        this.slots = slots;
        this.hyperplanes = hyperplanes;
        this.roots = new int[roots.length];
        for (int t = 0; t < roots.length; t++) {
            if (roots[t] < 0 || 2 * roots[t] >= slots.length) {
                throw new IllegalArgumentException("a root lies outside the forest");
            }
            this.roots[t] = 2 * roots[t];
        }
        this.axisOnly = hyperplanes.length == 0;
        this.depth = validatedDepth();
        this.normalizer = averagePathLength(sampleSize);
    }

    /** The array constructor's nodes, checked, in a builder's slots. */
    private static FlatForest fromArrays(final int dimensions, final int sampleSize, final int[] roots,
                                         final byte[] feature, final double[] slope, final double[] value,
                                         final int[] right, final double[][] hyperplanes) {
        final int n = feature.length;
        if (slope.length != n || value.length != n || right.length != n) {
            throw new IllegalArgumentException("node arrays differ in length");
        }
        Objects.requireNonNull(hyperplanes, "hyperplanes");
        if (dimensions < 1 || dimensions >= MAX_DIMENSIONS) {
            throw new IllegalArgumentException("at most " + (MAX_DIMENSIONS - 1) + " features, got " + dimensions);
        }
        final FlatForestBuilder b = new FlatForestBuilder(dimensions, n);
        for (int i = 0; i < n; i++) {
            final byte f = feature[i];
            if (f != LEAF) {
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
            b.add(f, slope[i], value[i], hyperplanes);
        }
        for (int i = 0; i < n; i++) {
            if (feature[i] != LEAF) {
                b.setRight(i, right[i]);
            }
        }
        return b.build(new int[]{0}, sampleSize);
    }

    /*
     * A node's head, as the builder writes it. The right child's slot is set once the left subtree
     * is in place.
     */

    static long axisHead(final int feature, final boolean negative) {
        return feature | (negative ? Long.MIN_VALUE : 0);
    }

    static long hyperplaneHead(final int plane) {
        if (plane > PLANE_MASK) {
            throw new IllegalArgumentException("too many hyperplanes");
        }
        return PLANE_BIT | (long) plane << PLANE_SHIFT;
    }

    static long leafHead(final int slot) {
        return LEAF_BIT | (long) slot << RIGHT_SHIFT;
    }

    static long withRight(final long head, final int slot) {
        return head & ~(RIGHT_MASK << RIGHT_SHIFT) | ((long) slot & RIGHT_MASK) << RIGHT_SHIFT;
    }

    /**
     * Checks every node (a known feature or hyperplane, children after it and inside the forest, a
     * leaf pointing at itself) and returns the most steps from a root to a leaf. Children lie after
     * their parent, so one backward pass does.
     */
    private int validatedDepth() {
        final int n = slots.length / 2;
        final byte[] below = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            final long head = slots[2 * i];
            final int right = (int) (head >>> RIGHT_SHIFT & RIGHT_MASK);
            if ((head & LEAF_BIT) != 0) {
                if (right != 2 * i) {
                    throw new IllegalArgumentException("leaf " + i + " does not point at itself");
                }
                continue;
            }
            if ((right & 1) != 0 || right <= 2 * i + 2 || right >= slots.length) {
                throw new IllegalArgumentException("node " + i + " has children outside the forest");
            }
            if ((head & PLANE_BIT) != 0) {
                final long plane = head >>> PLANE_SHIFT & PLANE_MASK;
                if (plane >= hyperplanes.length || hyperplanes[(int) plane].length != dimensions) {
                    throw new IllegalArgumentException("node " + i + " refers to a missing hyperplane");
                }
            } else if ((head & FEATURE_MASK) >= dimensions) {
                throw new IllegalArgumentException("node " + i + " splits on unknown feature "
                        + (head & FEATURE_MASK));
            }
            final int deeper = 1 + Math.max(below[i + 1], below[right / 2]);
            if (deeper > MAX_DEPTH) {
                throw new IllegalArgumentException("a tree deeper than " + MAX_DEPTH);
            }
            below[i] = (byte) deeper;
        }
        int deepest = 0;
        for (final int root : roots) {
            deepest = Math.max(deepest, below[root / 2]);
        }
        return deepest;
    }

    /** The classic anomaly score 2^(-E(h(x))/c(n)), 0 to 1, higher is more anomalous. */
    public double score(final double[] x) {
        if (x.length != dimensions) {
            throw new IllegalArgumentException("expected " + dimensions + " features, got " + x.length);
        }
        return scoreOfPaths(axisOnly ? lockstepPaths(x) : paths(x));
    }

    /** The score of a point whose path lengths, added in tree order, make {@code sum}. */
    double scoreOfPaths(final double sum) {
        return Math.pow(2.0, -(sum / roots.length) / normalizer);
    }

    /** The sum of the trees' path lengths, {@value #LANES} trees walked side by side, added in tree order. */
    private double lockstepPaths(final double[] x) {
        final long[] s = slots;
        double sum = 0;
        int t = 0;
        for (; t + LANES <= roots.length; t += LANES) {
            int a = roots[t];
            int b = roots[t + 1];
            int c = roots[t + 2];
            int d = roots[t + 3];
            int e = roots[t + 4];
            int f = roots[t + 5];
            int g = roots[t + 6];
            int h = roots[t + 7];
            for (int step = 0; step < depth; step++) {
                a = step(s, a, x);
                b = step(s, b, x);
                c = step(s, c, x);
                d = step(s, d, x);
                e = step(s, e, x);
                f = step(s, f, x);
                g = step(s, g, x);
                h = step(s, h, x);
            }
            sum += Double.longBitsToDouble(s[a + 1]);
            sum += Double.longBitsToDouble(s[b + 1]);
            sum += Double.longBitsToDouble(s[c + 1]);
            sum += Double.longBitsToDouble(s[d + 1]);
            sum += Double.longBitsToDouble(s[e + 1]);
            sum += Double.longBitsToDouble(s[f + 1]);
            sum += Double.longBitsToDouble(s[g + 1]);
            sum += Double.longBitsToDouble(s[h + 1]);
        }
        for (; t < roots.length; t++) {
            int a = roots[t];
            for (int step = 0; step < depth; step++) {
                a = step(s, a, x);
            }
            sum += Double.longBitsToDouble(s[a + 1]);
        }
        return sum;
    }

    /** One step of an axis-split walk: the child the point goes to; a leaf stays where it is. */
    private static int step(final long[] s, final int at, final double[] x) {
        final long head = s[at];
        final double projection = x[(int) (head & FEATURE_MASK)] * Double.longBitsToDouble(ONE | head & Long.MIN_VALUE);
        // left: the next node, or for a leaf (bit 7) the leaf itself
        return projection < Double.longBitsToDouble(s[at + 1]) ? at + 2 - ((int) (head >>> 6) & 2)
                : (int) (head >>> RIGHT_SHIFT & RIGHT_MASK);
    }

    /** The sum of the trees' path lengths, one tree at a time, for forests with hyperplane splits. */
    private double paths(final double[] x) {
        final long[] s = slots;
        double sum = 0;
        for (final int root : roots) {
            int at = root;
            long head = s[at];
            while ((head & LEAF_BIT) == 0) {
                final double projection = (head & PLANE_BIT) == 0
                        ? x[(int) (head & FEATURE_MASK)] * Double.longBitsToDouble(ONE | head & Long.MIN_VALUE)
                        : dot(hyperplanes[(int) (head >>> PLANE_SHIFT & PLANE_MASK)], x);
                at = projection < Double.longBitsToDouble(s[at + 1]) ? at + 2 : (int) (head >>> RIGHT_SHIFT & RIGHT_MASK);
                head = s[at];
            }
            sum += Double.longBitsToDouble(s[at + 1]);
        }
        return sum;
    }

    private static double dot(final double[] a, final double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    /**
     * What a leaf of {@code s} training readings adds to its depth, for every s from 0 to
     * {@code maxSize}: c(s) for more than one, else 0. A table, so that growing or reading a forest's
     * thousands of leaves takes no logarithm each.
     */
    static double[] leafExtras(final int maxSize) {
        final double[] extras = new double[maxSize + 1];
        for (int s = 2; s <= maxSize; s++) {
            extras[s] = averagePathLength(s);
        }
        return extras;
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
        return slots.length / 2;
    }

    /** Steps from a root to the deepest leaf. */
    public int depth() {
        return depth;
    }

    /*
     * The nodes for the codec: a node is named by its slot; a tree's root by roots(), an internal
     * node's children by left() and right().
     */

    int[] roots() {
        return roots.clone();
    }

    /** The node's feature index, {@link #LEAF} or {@link #HYPERPLANE}. */
    byte feature(final int node) {
        final long head = slots[node];
        if ((head & LEAF_BIT) != 0) {
            return LEAF;
        }
        return (head & PLANE_BIT) != 0 ? HYPERPLANE : (byte) (head & FEATURE_MASK);
    }

    /** An axis split's slope (1 or -1), a hyperplane split's index into the hyperplanes, 0 for a leaf. */
    double slope(final int node) {
        final long head = slots[node];
        if ((head & LEAF_BIT) != 0) {
            return 0.0;
        }
        if ((head & PLANE_BIT) != 0) {
            return (double) (head >>> PLANE_SHIFT & PLANE_MASK);
        }
        return head < 0 ? -1.0 : 1.0;
    }

    /** The split's bias or the leaf's path length. */
    double value(final int node) {
        return Double.longBitsToDouble(slots[node + 1]);
    }

    int left(final int node) {
        return node + 2;
    }

    int right(final int node) {
        return (int) (slots[node] >>> RIGHT_SHIFT & RIGHT_MASK);
    }

    double[] hyperplane(final int index) {
        return hyperplanes[index];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof FlatForest f && dimensions == f.dimensions && sampleSize == f.sampleSize
                && Arrays.equals(roots, f.roots) && Arrays.equals(slots, f.slots)
                && Arrays.deepEquals(hyperplanes, f.hyperplanes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dimensions, sampleSize, Arrays.hashCode(slots));
    }
}
