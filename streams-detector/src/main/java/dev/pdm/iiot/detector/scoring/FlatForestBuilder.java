package dev.pdm.iiot.detector.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link FlatForest} while it grows node by node in pre-order (from a stored model or from Smile's
 * trees): primitive arrays, nothing boxed. Add a node, then its left subtree, then set its right
 * child to {@link #size()} and add the right subtree.
 */
final class FlatForestBuilder {

    private final int dimensions;
    private final List<double[]> hyperplanes = new ArrayList<>();
    private int size;
    private byte[] feature = new byte[1024];
    private double[] slope = new double[1024];
    private double[] value = new double[1024];
    private int[] right = new int[1024];

    FlatForestBuilder(final int dimensions) {
        this.dimensions = dimensions;
    }

    int dimensions() {
        return dimensions;
    }

    /** Nodes added so far: the index the next one gets. */
    int size() {
        return size;
    }

    /** Adds a node and returns its index: see {@link FlatForest}'s constructor for what the values mean. */
    int add(final byte f, final double s, final double v) {
        if (size == feature.length) {
            final int grown = size * 2;
            feature = Arrays.copyOf(feature, grown);
            slope = Arrays.copyOf(slope, grown);
            value = Arrays.copyOf(value, grown);
            right = Arrays.copyOf(right, grown);
        }
        feature[size] = f;
        slope[size] = s;
        value[size] = v;
        return size++;
    }

    /** Adds an extended split on the normal vector {@code normal}. */
    int addHyperplane(final double[] normal, final double v) {
        hyperplanes.add(normal);
        return add(FlatForest.HYPERPLANE, hyperplanes.size() - 1, v);
    }

    void setRight(final int node, final int child) {
        right[node] = child;
    }

    FlatForest build(final int[] roots, final int sampleSize) {
        return new FlatForest(dimensions, sampleSize, roots, Arrays.copyOf(feature, size), Arrays.copyOf(slope, size),
                Arrays.copyOf(value, size), Arrays.copyOf(right, size), hyperplanes.toArray(new double[0][]));
    }
}
