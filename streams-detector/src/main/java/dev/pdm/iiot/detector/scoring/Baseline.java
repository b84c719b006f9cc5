package dev.pdm.iiot.detector.scoring;

import java.time.Duration;

/**
 * Each sensor's baseline: an exponentially weighted mean of a machine's readings with a time
 * constant, so that the forest can learn and score a reading's deviation from where the machine has
 * recently been instead of its raw values. A daily load cycle then moves the baseline, not the
 * deviations, and a model trained on a short stretch of readings stays valid as the day goes on.
 *
 * <p>The weight of a reading is 1 - exp(-gap / timeConstant), the gap being the time since the
 * machine's previous reading, and at least 1 / (n + 1) for the n-th reading, so that the first
 * readings are averaged plainly instead of being pulled towards the first one. A step may be capped
 * per sensor (a Huber-type update): a reading farther from the level than the cap moves it as if it
 * lay at the cap, so that a fault, which lies many deviations away, moves the baseline only as fast
 * as a normal change of operating point would. Pure: the caller keeps the level and the count.
 */
public final class Baseline {

    private final double timeConstantSeconds;

    public Baseline(final Duration timeConstant) {
        if (timeConstant.isZero() || timeConstant.isNegative()) {
            throw new IllegalArgumentException("the time constant must be positive, was " + timeConstant);
        }
        this.timeConstantSeconds = timeConstant.toMillis() / 1000.0;
    }

    /** The reading's deviation from the level, or zeros before the first reading (level null). */
    public static double[] deviation(final double[] level, final double[] x) {
        final double[] d = new double[x.length];
        if (level != null) {
            for (int k = 0; k < x.length; k++) {
                d[k] = x[k] - level[k];
            }
        }
        return d;
    }

    /**
     * The level after taking in one more reading.
     *
     * @param level      the level, or null before the first reading; changed in place otherwise
     * @param readings   readings the level has taken in so far
     * @param x          the reading
     * @param gapSeconds time since the machine's previous reading (not since the level last moved:
     *                   a level held still while an alert was open does not leap afterwards)
     */
    public double[] update(final double[] level, final long readings, final double[] x, final double gapSeconds) {
        return update(level, readings, x, gapSeconds, null);
    }

    /**
     * @param maxStep per sensor, the largest deviation of a reading the level follows (a larger one
     *                counts as that large), or null: every deviation counts in full
     */
    public double[] update(final double[] level, final long readings, final double[] x, final double gapSeconds,
                           final double[] maxStep) {
        if (level == null) {
            return x.clone();
        }
        final double w = Math.max(1.0 - Math.exp(-Math.max(0.0, gapSeconds) / timeConstantSeconds),
                1.0 / (readings + 1));
        for (int k = 0; k < x.length; k++) {
            final double d = x[k] - level[k];
            level[k] += w * (maxStep == null ? d : Math.max(-maxStep[k], Math.min(maxStep[k], d)));
        }
        return level;
    }
}
