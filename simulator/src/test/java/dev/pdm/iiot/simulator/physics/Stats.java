package dev.pdm.iiot.simulator.physics;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Statistics of a series, for tests. */
public final class Stats {

    private Stats() {
    }

    public static <T> double mean(final List<T> xs, final ToDoubleFunction<T> f) {
        return xs.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    public static <T> double max(final List<T> xs, final ToDoubleFunction<T> f) {
        return xs.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    public static <T> double min(final List<T> xs, final ToDoubleFunction<T> f) {
        return xs.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    public static <T> double stdDev(final List<T> xs, final ToDoubleFunction<T> f) {
        final double m = mean(xs, f);
        return Math.sqrt(xs.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).map(v -> (v - m) * (v - m))
                .average().orElse(Double.NaN));
    }

    public static <T> double correlation(final List<T> xs, final ToDoubleFunction<T> f, final ToDoubleFunction<T> g) {
        final double mf = mean(xs, f);
        final double mg = mean(xs, g);
        double cov = 0;
        double vf = 0;
        double vg = 0;
        for (final T x : xs) {
            final double a = f.applyAsDouble(x) - mf;
            final double b = g.applyAsDouble(x) - mg;
            cov += a * b;
            vf += a * a;
            vg += b * b;
        }
        return cov / Math.sqrt(vf * vg);
    }
}
