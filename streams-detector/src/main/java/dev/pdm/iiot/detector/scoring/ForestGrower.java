package dev.pdm.iiot.detector.scoring;

import java.util.SplittableRandom;

/**
 * Grows an Isolation Forest straight into a {@link FlatForest}'s slots: Smile 3.1.1's
 * {@code IsolationTree} algorithm, without its objects. Each tree is grown on its own random
 * subsample of min(maxSamples, N) readings drawn without replacement, to depth ceil(log2 of that);
 * a node of more than one reading above that depth splits, a node of one reading or none, or at that
 * depth, is a leaf whose path length is its depth plus c(size) for more than one reading.
 *
 * <p>A split of the classic forest (extension level 0) picks a feature uniformly, a value uniformly
 * between that feature's least and greatest value among the node's readings (that value when they
 * are all equal: every reading then goes right) and, as Smile's random normal's sign does, at random
 * whether the readings below it or above it go left. An extended split (extension level e &gt; 0)
 * is Smile's: a normal of independent Gaussians of which all but e + 1 features (chosen uniformly)
 * are zero, through a point drawn per feature uniformly between its least and greatest value in the
 * node; go left when {@code dot(normal, x) < dot(normal, point)}.
 *
 * <p>The readings of a node are a range of one index array, partitioned in place by the split; the
 * readings left out of a tree's subsample ride along in a range of their own without taking part in
 * the splits. Every leaf adds its path length to each training reading that reaches it, tree after
 * tree, so the training readings' scores (the threshold's calibration) come without walking the
 * forest again, equal to the bit to what the forest scores them. Each tree draws from its own
 * {@link SplittableRandom}, split in turn from one seeded with the forest's seed: the same seed grows
 * the same forest.
 */
final class ForestGrower {

    /**
     * @param forest   the forest
     * @param pathSums per training reading, its path lengths in every tree, added in tree order
     */
    record Grown(FlatForest forest, double[] pathSums) {
    }

    /** The training readings, standardized, row after row. */
    private final double[] z;
    private final int dimensions;
    private final int extension;
    private final int maxDepth;
    /** The readings of the tree being grown: its subsample, then the readings left out of it. */
    private final int[] readings;
    private final double[] pathSums;
    private final FlatForestBuilder nodes;
    /** For extended splits: the features a normal leaves at zero are drawn from here. */
    private final int[] axes;
    /** What a leaf adds to its depth, by its readings. */
    private final double[] leafExtras;
    private SplittableRandom random;

    private ForestGrower(final double[] z, final int dimensions, final int subsample, final int extension,
                         final int trees) {
        this.z = z;
        this.dimensions = dimensions;
        this.extension = extension;
        this.maxDepth = 32 - Integer.numberOfLeadingZeros(subsample - 1);
        final int n = z.length / dimensions;
        this.readings = new int[n];
        this.pathSums = new double[n];
        this.nodes = new FlatForestBuilder(dimensions, trees * subsample);
        this.axes = new int[dimensions];
        this.leafExtras = FlatForest.leafExtras(subsample);
    }

    /**
     * @param z          the training readings, standardized, row after row ({@code dimensions} values each)
     * @param dimensions features per reading
     * @param trees      trees to grow
     * @param maxSamples readings each tree is grown on, at most
     * @param extension  0 for the classic forest, up to {@code dimensions - 1}
     * @param seed       the forest's seed
     */
    static Grown grow(final double[] z, final int dimensions, final int trees, final int maxSamples,
                      final int extension, final long seed) {
        final int n = z.length / dimensions;
        if (n < 1 || z.length != n * dimensions || trees < 1 || maxSamples < 1) {
            throw new IllegalArgumentException("nothing to grow a forest on");
        }
        if (extension < 0 || extension >= dimensions) {
            throw new IllegalArgumentException("extension level " + extension + " for " + dimensions + " features");
        }
        final int subsample = Math.min(maxSamples, n);
        final ForestGrower grower = new ForestGrower(z, dimensions, subsample, extension, trees);
        final SplittableRandom forest = new SplittableRandom(seed);
        final int[] roots = new int[trees];
        for (int t = 0; t < trees; t++) {
            grower.random = forest.split();
            roots[t] = grower.nodes.size();
            grower.tree(subsample);
        }
        return new Grown(grower.nodes.build(roots, subsample), grower.pathSums);
    }

    private void tree(final int subsample) {
        final int n = readings.length;
        for (int i = 0; i < n; i++) {
            readings[i] = i;
        }
        // the subsample: the first readings of a partial Fisher-Yates shuffle
        for (int i = 0; i < subsample; i++) {
            final int j = i + random.nextInt(n - i);
            final int swap = readings[i];
            readings[i] = readings[j];
            readings[j] = swap;
        }
        node(0, subsample, subsample, n, 0);
    }

    /**
     * Grows the node of the subsample's readings {@code readings[lo, hi)}, with the readings left out
     * of the subsample that reach it, {@code readings[outLo, outHi)}, and then its subtrees.
     */
    private void node(final int lo, final int hi, final int outLo, final int outHi, final int depth) {
        final int size = hi - lo;
        if (depth >= maxDepth || size <= 1) {
            final double path = depth + leafExtras[size];
            nodes.addLeaf(path);
            for (int j = lo; j < hi; j++) {
                pathSums[readings[j]] += path;
            }
            for (int j = outLo; j < outHi; j++) {
                pathSums[readings[j]] += path;
            }
            return;
        }
        final int node;
        final int mid;
        final int outMid;
        if (extension == 0) {
            final int feature = random.nextInt(dimensions);
            final double at = uniformWithin(lo, hi, feature);
            final double sign = random.nextBoolean() ? -1.0 : 1.0;
            final double value = at * sign;
            node = nodes.addSplit(feature, sign < 0, value);
            mid = partition(lo, hi, feature, sign, value);
            outMid = partition(outLo, outHi, feature, sign, value);
        } else {
            final double[] normal = normal();
            double bias = 0;
            for (int k = 0; k < dimensions; k++) {
                if (normal[k] != 0.0) {
                    bias += normal[k] * uniformWithin(lo, hi, k);
                }
            }
            node = nodes.addHyperplane(normal, bias);
            mid = partition(lo, hi, normal, bias);
            outMid = partition(outLo, outHi, normal, bias);
        }
        node(lo, mid, outLo, outMid, depth + 1);
        nodes.setRight(node, nodes.size());
        node(mid, hi, outMid, outHi, depth + 1);
    }

    /**
     * A value drawn uniformly between the feature's least and greatest value among the node's
     * readings, or that value when they are all equal.
     */
    private double uniformWithin(final int lo, final int hi, final int feature) {
        double min = z[readings[lo] * dimensions + feature];
        double max = min;
        for (int j = lo + 1; j < hi; j++) {
            final double v = z[readings[j] * dimensions + feature];
            min = v < min ? v : min;
            max = v > max ? v : max;
        }
        return min < max ? min + (max - min) * random.nextDouble() : min;
    }

    /**
     * Moves the readings of {@code [lo, hi)} that go left to its front: returns where the rest begin.
     * Every reading is swapped into place whichever way it goes (a right one with itself or another
     * right one), so that the loop does not branch on the data.
     */
    private int partition(final int lo, final int hi, final int feature, final double sign, final double value) {
        int mid = lo;
        for (int j = lo; j < hi; j++) {
            final int i = readings[j];
            readings[j] = readings[mid];
            readings[mid] = i;
            // the scorer's own comparison, so that a training reading ends in the leaf the scorer finds
            mid += z[i * dimensions + feature] * sign < value ? 1 : 0;
        }
        return mid;
    }

    private int partition(final int lo, final int hi, final double[] normal, final double bias) {
        int mid = lo;
        for (int j = lo; j < hi; j++) {
            final int i = readings[j];
            final int base = i * dimensions;
            double dot = 0;
            for (int k = 0; k < dimensions; k++) {
                dot += normal[k] * z[base + k];
            }
            readings[j] = readings[mid];
            readings[mid] = i;
            mid += dot < bias ? 1 : 0;
        }
        return mid;
    }

    /** A Gaussian per feature, all but {@code extension + 1} of them, chosen uniformly, set to zero. */
    private double[] normal() {
        final double[] normal = new double[dimensions];
        for (int k = 0; k < dimensions; k++) {
            normal[k] = random.nextGaussian();
            axes[k] = k;
        }
        for (int k = 0; k < dimensions - extension - 1; k++) {
            final int j = k + random.nextInt(dimensions - k);
            final int swap = axes[k];
            axes[k] = axes[j];
            axes[j] = swap;
            normal[axes[k]] = 0.0;
        }
        return normal;
    }
}
