package dev.pdm.iiot.detector.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link FlatForest} while it grows node by node in pre-order (grown by {@link ForestGrower}, read
 * from a stored model or converted from Smile's trees), written straight into the forest's slots:
 * one {@code long} array, nothing boxed. Add a node, then its left subtree, then set its right child
 * to {@link #size()} and add the right subtree.
 */
final class FlatForestBuilder {

    private final int dimensions;
    private final List<double[]> hyperplanes = new ArrayList<>();
    private long[] slots;
    private int size;

    FlatForestBuilder(final int dimensions) {
        this(dimensions, 512);
    }

    /** @param expectedNodes the nodes the forest will likely have (it grows past them if need be) */
    FlatForestBuilder(final int dimensions, final int expectedNodes) {
        this.dimensions = dimensions;
        this.slots = new long[2 * Math.max(16, expectedNodes)];
    }

    int dimensions() {
        return dimensions;
    }

    /** Nodes added so far: the index the next one gets. */
    int size() {
        return size;
    }

    /**
     * Adds an axis split and returns its index: go left when {@code x[feature] < value}, or with
     * {@code negative} when {@code -x[feature] < value}.
     */
    int addSplit(final int feature, final boolean negative, final double value) {
        return add(FlatForest.axisHead(feature, negative), value);
    }

    /** Adds an extended split: go left when {@code dot(normal, x) < bias}. */
    int addHyperplane(final double[] normal, final double bias) {
        hyperplanes.add(normal);
        return add(FlatForest.hyperplaneHead(hyperplanes.size() - 1), bias);
    }

    /** Adds a leaf: the path length of a point that ends here. */
    int addLeaf(final double pathLength) {
        return add(FlatForest.leafHead(2 * size), pathLength);
    }

    /**
     * Adds a node as {@link FlatForest}'s array constructor describes it: a leaf, an axis split on
     * {@code x[feature] * slope}, or a hyperplane split on {@code planes[(int) slope]}.
     */
    int add(final byte feature, final double slope, final double value, final double[][] planes) {
        if (feature == FlatForest.LEAF) {
            return addLeaf(value);
        }
        if (feature == FlatForest.HYPERPLANE) {
            return addHyperplane(planes[(int) slope].clone(), value);
        }
        if (slope == 1.0 || slope == -1.0) {
            return addSplit(feature, slope < 0, value);
        }
        // x[f] * s < value is the hyperplane with s at f and nothing elsewhere
        final double[] normal = new double[dimensions];
        normal[feature] = slope;
        return addHyperplane(normal, value);
    }

    private int add(final long head, final double value) {
        if (2 * size == slots.length) {
            slots = Arrays.copyOf(slots, 2 * slots.length);
        }
        slots[2 * size] = head;
        slots[2 * size + 1] = Double.doubleToRawLongBits(value);
        return size++;
    }

    void setRight(final int node, final int child) {
        slots[2 * node] = FlatForest.withRight(slots[2 * node], 2 * child);
    }

    /** @param roots each tree's root node */
    FlatForest build(final int[] roots, final int sampleSize) {
        return new FlatForest(dimensions, sampleSize, roots, Arrays.copyOf(slots, 2 * size),
                hyperplanes.toArray(new double[0][]));
    }
}
