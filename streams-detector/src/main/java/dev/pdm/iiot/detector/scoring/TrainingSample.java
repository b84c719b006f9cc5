package dev.pdm.iiot.detector.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bounded, uniform random sample of every reading offered since it began (reservoir sampling,
 * Vitter's algorithm R): while it has room it keeps every reading; then the n-th reading replaces a
 * random one with probability capacity / n. So a model trained on it sees the machine's whole
 * experience, not only its last hours, at a bounded cost. The draws are reproducible: they depend on
 * the seed, the machine and the count only.
 */
public final class TrainingSample {

    private final int capacity;
    private final long seed;

    public TrainingSample(final int capacity, final long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.seed = seed;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Where the {@code seen}-th offered reading (counting from 1) goes: its index in the rows, or -1
     * when it is not kept. Needs no rows, so that a caller loads them only when one changes.
     */
    public int slot(final String machineId, final long seen) {
        if (seen <= capacity) {
            return (int) (seen - 1);
        }
        final long j = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + machineId.hashCode() * 1_000_003L + seen)
                .nextLong(seen);
        return j < capacity ? (int) j : -1;
    }

    /** The rows with the reading put in its slot (appended while there is room). */
    public static List<double[]> put(final List<double[]> rows, final int slot, final double[] x) {
        final List<double[]> next = new ArrayList<>(rows);
        if (slot >= next.size()) {
            next.add(x);
        } else {
            next.set(slot, x);
        }
        return next;
    }
}
