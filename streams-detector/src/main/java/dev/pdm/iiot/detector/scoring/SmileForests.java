package dev.pdm.iiot.detector.scoring;

import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a trained Smile {@link IsolationForest} into a {@link FlatForest}. Smile keeps its trees'
 * nodes private, so they are read by reflection, once per training; the conversion is checked
 * against Smile's own scores by the tests.
 */
public final class SmileForests {

    private static final Field ROOT;
    private static final Field DEPTH;
    private static final Field SLOPE;
    private static final Field BIAS;
    private static final Field LEFT;
    private static final Field RIGHT;

    static {
        try {
            ROOT = accessible(IsolationTree.class.getDeclaredField("root"));
            final Class<?> node = Class.forName("smile.anomaly.IsolationTree$Node");
            DEPTH = accessible(node.getDeclaredField("depth"));
            SLOPE = accessible(node.getDeclaredField("slope"));
            BIAS = accessible(node.getDeclaredField("bias"));
            LEFT = accessible(node.getDeclaredField("left"));
            RIGHT = accessible(node.getDeclaredField("right"));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this Smile version's IsolationTree is not the expected one: " + e);
        }
    }

    private SmileForests() {
    }

    private static Field accessible(final Field field) {
        field.setAccessible(true);
        return field;
    }

    /**
     * @param forest     the trained forest
     * @param dimensions its features
     * @param sampleSize readings each tree was grown on (the forest's c(n))
     */
    public static FlatForest toFlat(final IsolationForest forest, final int dimensions, final int sampleSize) {
        final Builder b = new Builder(dimensions);
        final IsolationTree[] trees = forest.trees();
        final int[] roots = new int[trees.length];
        try {
            for (int t = 0; t < trees.length; t++) {
                roots[t] = b.size();
                b.add(ROOT.get(trees[t]));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Smile's trees", e);
        }
        return b.build(roots, sampleSize);
    }

    private static final class Builder {
        private final int dimensions;
        private final List<Byte> feature = new ArrayList<>();
        private final List<Double> slope = new ArrayList<>();
        private final List<Double> value = new ArrayList<>();
        private final List<Integer> right = new ArrayList<>();
        private final List<double[]> hyperplanes = new ArrayList<>();

        Builder(final int dimensions) {
            this.dimensions = dimensions;
        }

        int size() {
            return feature.size();
        }

        void add(final Object node) throws IllegalAccessException {
            final Object left = LEFT.get(node);
            final Object rightNode = RIGHT.get(node);
            final int index = size();
            if (left == null && rightNode == null) {
                feature.add(FlatForest.LEAF);
                slope.add(0.0);
                value.add(DEPTH.getDouble(node));
                right.add(0);
                return;
            }
            final double[] normal = (double[]) SLOPE.get(node);
            final int axis = singleAxis(normal);
            final double bias = BIAS.getDouble(node);
            if (axis >= 0) {
                // x[axis] * s < bias  is  x[axis] < bias / s  for s > 0, and  -x[axis] < -bias / s  for s < 0
                final double s = normal[axis];
                feature.add((byte) axis);
                slope.add(s > 0 ? 1.0 : -1.0);
                value.add(bias / Math.abs(s));
            } else {
                feature.add(FlatForest.HYPERPLANE);
                slope.add((double) hyperplanes.size());
                hyperplanes.add(normal.clone());
                value.add(bias);
            }
            right.add(0);
            add(left);
            right.set(index, size());
            add(rightNode);
        }

        private int singleAxis(final double[] normal) {
            int axis = -1;
            for (int k = 0; k < normal.length; k++) {
                if (normal[k] != 0.0) {
                    if (axis >= 0) {
                        return -1;
                    }
                    axis = k;
                }
            }
            return axis;
        }

        FlatForest build(final int[] roots, final int sampleSize) {
            final int n = size();
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
            return new FlatForest(dimensions, sampleSize, roots, f, s, v, r, hyperplanes.toArray(new double[0][]));
        }
    }
}
