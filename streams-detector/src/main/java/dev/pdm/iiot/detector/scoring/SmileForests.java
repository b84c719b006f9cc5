package dev.pdm.iiot.detector.scoring;

import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

import java.lang.reflect.Field;

/**
 * Converts a Smile {@link IsolationForest} into a {@link FlatForest}: for models stored as Smile's
 * Java serialization ({@link ForestCodec}'s format 2; the trainer grows flat forests itself). Smile
 * keeps its trees' nodes private, so they are read by reflection, once per decoded model; the
 * conversion is checked against Smile's own scores by the tests.
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
        final FlatForestBuilder b = new FlatForestBuilder(dimensions);
        final IsolationTree[] trees = forest.trees();
        final int[] roots = new int[trees.length];
        try {
            for (int t = 0; t < trees.length; t++) {
                roots[t] = b.size();
                add(b, ROOT.get(trees[t]));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Smile's trees", e);
        }
        return b.build(roots, sampleSize);
    }

    private static void add(final FlatForestBuilder b, final Object node) throws IllegalAccessException {
        final Object left = LEFT.get(node);
        final Object rightNode = RIGHT.get(node);
        if (left == null && rightNode == null) {
            b.addLeaf(DEPTH.getDouble(node));
            return;
        }
        final double[] normal = (double[]) SLOPE.get(node);
        final int axis = singleAxis(normal);
        final double bias = BIAS.getDouble(node);
        final int index;
        if (axis >= 0) {
            // x[axis] * s < bias  is  x[axis] < bias / s  for s > 0, and  -x[axis] < -bias / s  for s < 0
            final double s = normal[axis];
            index = b.addSplit(axis, s < 0, bias / Math.abs(s));
        } else {
            index = b.addHyperplane(normal.clone(), bias);
        }
        add(b, left);
        b.setRight(index, b.size());
        add(b, rightNode);
    }

    private static int singleAxis(final double[] normal) {
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
}
