package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;

/**
 * A machine's healthy reference: the mean and covariance of its sensors' slow levels over healthy
 * time. From it, each sensor's expected level given the others' (the conditional mean of a
 * Gaussian, with a little ridge), so that the sensors' joint movement with the load is expected
 * and a sensor that leaves it is not. Equal weights while it is being learned; afterwards each
 * sample moves it by a fixed small share, so that it can follow a healthy machine's slow change
 * but only at a bounded rate.
 */
final class Reference {

    /** Ridge added to the regressors' variances, as a share of them. */
    private static final double RIDGE = 0.1;

    /** The sensors judged: the first entries of every sample; the rest are further views of them. */
    int sensors;
    double weight;
    double[] mean;
    double[] cov;

    /**
     * @param sensors the sensors judged
     * @param views   how many values each sample holds per sensor (its level, its slower level, ...)
     */
    static Reference empty(final int sensors, final int views) {
        final Reference r = new Reference();
        r.sensors = sensors;
        r.mean = new double[sensors * views];
        r.cov = new double[sensors * views * sensors * views];
        return r;
    }

    int dim() {
        return mean.length;
    }

    /** Takes in a sample with equal weight among all so far. */
    void add(final double[] x) {
        weight++;
        update(x, 1.0 / weight);
    }

    /** Takes in a sample with the share {@code f} of the whole (0 < f ≤ 1). */
    void follow(final double[] x, final double f) {
        weight++;
        update(x, f);
    }

    private void update(final double[] x, final double f) {
        final int d = dim();
        final double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = x[i] - mean[i];
            mean[i] += f * delta[i];
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                cov[i * d + j] = (1 - f) * (cov[i * d + j] + f * delta[i] * delta[j]);
            }
        }
    }

    /**
     * The level each sensor is expected at given the other sensors' levels, and the deviation of
     * that expectation (the reference's scatter around it).
     *
     * @param x        the sensors' levels now: the first {@link #sensors} entries are the levels judged,
     *                 the rest further views of the same sensors (sensor {@code i % sensors}), e.g. slower
     *                 levels that carry how a sensor follows another with a lag
     * @param expected filled with each sensor's expected level
     * @param scatter  filled with each expectation's standard deviation
     */
    void expect(final double[] x, final double[] expected, final double[] scatter) {
        expect(x, expected, scatter, new boolean[sensors]);
    }

    /**
     * The same, with the {@code excluded} sensors left out of every expectation (sensors already
     * found faulty, so that they do not drag the others' expectations with them). A sensor's own
     * views never predict it.
     */
    void expect(final double[] x, final double[] expected, final double[] scatter, final boolean[] excluded) {
        final int n = dim();
        final int[] use = new int[n];
        final double[] a = new double[n * n];
        final double[] b = new double[n];
        final double[] rhs = new double[n];
        final double[] beta = new double[n];
        for (int k = 0; k < sensors; k++) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                final int sensor = i % sensors;
                if (sensor != k && !excluded[sensor]) {
                    use[m++] = i;
                }
            }
            for (int ii = 0; ii < m; ii++) {
                final int i = use[ii];
                for (int jj = 0; jj < m; jj++) {
                    final int j = use[jj];
                    a[ii * m + jj] = cov[i * n + j] + (i == j ? RIDGE * cov[i * n + i] + 1e-12 : 0.0);
                }
                b[ii] = cov[i * n + k];
            }
            System.arraycopy(b, 0, rhs, 0, m);
            solve(a, rhs, beta, m);
            double e = mean[k];
            double explained = 0;
            for (int ii = 0; ii < m; ii++) {
                e += beta[ii] * (x[use[ii]] - mean[use[ii]]);
                explained += beta[ii] * b[ii];
            }
            expected[k] = e;
            scatter[k] = Math.sqrt(Math.max(cov[k * n + k] - explained, 0));
        }
    }

    /** Solves a x = b by Gaussian elimination with partial pivoting; a and b are overwritten. */
    private static void solve(final double[] a, final double[] b, final double[] x, final int n) {
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
                    p = r;
                }
            }
            if (p != c) {
                for (int j = 0; j < n; j++) {
                    final double t = a[c * n + j];
                    a[c * n + j] = a[p * n + j];
                    a[p * n + j] = t;
                }
                final double t = b[c];
                b[c] = b[p];
                b[p] = t;
            }
            final double pivot = a[c * n + c];
            if (Math.abs(pivot) < 1e-300) {
                continue;
            }
            for (int r = c + 1; r < n; r++) {
                final double f = a[r * n + c] / pivot;
                if (f != 0) {
                    for (int j = c; j < n; j++) {
                        a[r * n + j] -= f * a[c * n + j];
                    }
                    b[r] -= f * b[c];
                }
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int j = r + 1; j < n; j++) {
                s -= a[r * n + j] * x[j];
            }
            final double pivot = a[r * n + r];
            x[r] = Math.abs(pivot) < 1e-300 ? 0.0 : s / pivot;
        }
    }

    /**
     * Written in single precision (a reference is a statistic of slow levels, not a sum that must
     * stay exact), the covariance as its upper triangle: it is a large part of the machine store's
     * value, written with every reading.
     */
    void write(final BinaryWriter out) {
        out.writeInt(sensors);
        out.writeDouble(weight);
        final int n = mean.length;
        out.writeInt(n);
        for (final double m : mean) {
            out.writeFloat((float) m);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                out.writeFloat((float) cov[i * n + j]);
            }
        }
    }

    static Reference read(final BinaryReader in) {
        final Reference r = new Reference();
        r.sensors = in.readInt();
        r.weight = in.readDouble();
        final int n = in.readInt();
        r.mean = new double[n];
        for (int k = 0; k < n; k++) {
            r.mean[k] = in.readFloat();
        }
        r.cov = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                r.cov[i * n + j] = in.readFloat();
                r.cov[j * n + i] = r.cov[i * n + j];
            }
        }
        return r;
    }
}
