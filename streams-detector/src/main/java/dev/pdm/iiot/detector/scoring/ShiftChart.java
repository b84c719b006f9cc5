package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.detector.model.DetectorSettings;

/**
 * A level-shift chart per sensor: an exponentially weighted mean (EWMA) of the readings' deviations
 * from their baseline, measured against its own spread. The forest and the sensors' z judge one
 * reading at a time, so a fault that moves a sensor by one or two of its deviations for minutes (a
 * valve that passes less flow) is lost in the noise: no single reading lies 4 deviations away. The
 * mean of the last readings (about {@code 1 / smoothing} of them) lies far from zero then, and an
 * EWMA chart is the classic companion of a per-reading (Shewhart) test for exactly such shifts.
 *
 * <p>Its spread is not the textbook one, {@code sqrt(λ / (2 − λ))} deviations, which holds for
 * independent readings: deviations from a baseline are autocorrelated (a sensor's slow wander, a
 * thermal lag behind the load), and the textbook limit alarms all day on the simulator's machines.
 * So the chart learns its own spread, the mean square of its value over the machine's clean readings
 * (no alert open and none building up), with a weight of at least {@code 1 / memory}; after
 * {@code warmup} readings a value beyond {@code z} spreads counts as large, and a clean reading moves
 * the spread by at most that much (a fault building up below the alert cannot widen it freely).
 * Pure: the caller keeps the chart's state.
 */
public final class ShiftChart {

    private final DetectorSettings.Shift settings;

    public ShiftChart(final DetectorSettings.Shift settings) {
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * The chart after one more reading.
     *
     * @param level     the chart's values per feature, or null before the first (zeros); changed in place otherwise
     * @param deviation the reading's deviations from the baseline
     */
    public double[] follow(final double[] level, final double[] deviation) {
        final double[] l = level == null || level.length != deviation.length ? new double[deviation.length] : level;
        final double w = settings.smoothing();
        for (int k = 0; k < l.length; k++) {
            l[k] += w * (deviation[k] - l[k]);
        }
        return l;
    }

    /**
     * The chart's spread (mean square per feature) after learning from one more clean reading.
     *
     * @param spread the spread, or null before the first clean reading; changed in place otherwise
     * @param clean  clean readings the spread has learned from so far
     * @param level  the chart's values after the reading
     */
    public double[] learn(final double[] spread, final long clean, final double[] level) {
        if (spread == null || spread.length != level.length) {
            final double[] s = new double[level.length];
            for (int k = 0; k < s.length; k++) {
                s[k] = level[k] * level[k];
            }
            return s;
        }
        final double w = Math.max(1.0 / (clean + 1), 1.0 / settings.memory());
        final double cap = settings.z() * settings.z();
        for (int k = 0; k < spread.length; k++) {
            final double square = level[k] * level[k];
            final double bounded = clean > settings.warmup() ? Math.min(square, cap * spread[k]) : square;
            spread[k] += w * (bounded - spread[k]);
        }
        return spread;
    }

    /**
     * How far the chart lies from zero, in its spreads: the largest over the features, or 0 while it
     * has learned its spread from fewer than {@code warmup} clean readings.
     */
    public double strength(final double[] level, final double[] spread, final long clean) {
        if (level == null || spread == null || spread.length != level.length || clean < settings.warmup()) {
            return 0.0;
        }
        double max = 0.0;
        for (int k = 0; k < level.length; k++) {
            if (spread[k] > 0) {
                max = Math.max(max, Math.abs(level[k]) / Math.sqrt(spread[k]));
            }
        }
        return max;
    }

    /** Whether the chart lies far enough out to count a reading towards the anomaly alert. */
    public boolean shifted(final double[] level, final double[] spread, final long clean) {
        return settings.enabled() && strength(level, spread, clean) >= settings.z();
    }

    /**
     * The direction of the shift: per feature +1 or −1 where the chart lies beyond its limit, 0
     * elsewhere; null while it judges nothing.
     */
    public double[] direction(final double[] level, final double[] spread, final long clean) {
        if (!shifted(level, spread, clean)) {
            return null;
        }
        final double[] d = new double[level.length];
        for (int k = 0; k < d.length; k++) {
            if (spread[k] > 0 && Math.abs(level[k]) / Math.sqrt(spread[k]) >= settings.z()) {
                d[k] = Math.signum(level[k]);
            }
        }
        return d;
    }

    /**
     * Whether the chart lies beyond its limit in the given direction: a feature that shifted the same
     * way as when the shift was first seen. After a fault the baseline, which the fault pulled towards
     * itself, lies on the fault's side, and the chart swings to the other: that is no shift of the machine.
     */
    public boolean shifted(final double[] level, final double[] spread, final long clean, final double[] direction) {
        if (direction == null) {
            return shifted(level, spread, clean);
        }
        if (!settings.enabled() || level == null || spread == null || clean < settings.warmup()) {
            return false;
        }
        for (int k = 0; k < level.length && k < direction.length; k++) {
            if (direction[k] != 0 && Math.signum(level[k]) == direction[k] && spread[k] > 0
                    && Math.abs(level[k]) / Math.sqrt(spread[k]) >= settings.z()) {
                return true;
            }
        }
        return false;
    }
}
