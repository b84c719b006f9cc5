package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;

import java.util.Arrays;

/**
 * A machine's healthy reference: the mean and covariance of its sensors' slow levels over healthy
 * time. From it, each sensor's expected level given the others' (the conditional mean of a
 * Gaussian, with a little ridge), so that the sensors' joint movement with the load is expected
 * and a sensor that leaves it is not. Which values predict which sensor is its {@link Layout}.
 * Equal weights while it is being learned; afterwards each sample moves it by a fixed small share,
 * so that it can follow a healthy machine's slow change but only at a bounded rate.
 */
final class Reference {

    /** Ridge added to the regressors' variances, as a share of them. */
    private static final double RIDGE = 0.1;

    /**
     * What the values of a sample are and which of them predict which sensor.
     *
     * @param sensorOf   per value of a sample, the sensor it is a view of (its level, its slower
     *                   level, the level of its square, ...): when that sensor is left out, so is the value
     * @param predictors per sensor judged, per value, whether the value takes part in its expectation
     *                   (a sensor's own values never do)
     * @param calibrated per sensor judged, whether the scale of its expectation is fitted after the
     *                   ridge: the ridge keeps the direction of a fit from few, nearly collinear
     *                   values stable but shrinks it towards the mean by about its own share; where
     *                   the expectation rests on one physical cause (temperature on the heat of the
     *                   current) that shrinkage is a bias larger than the sensor's noise, and one
     *                   fitted scale removes it
     * @param judged     per sensor judged, the value of a sample that is judged against its
     *                   expectation: its own level (its index), or a further view of it (a faster level)
     * @param ridge      per sensor judged, the ridge added to its regressors' variances, as a share of them
     */
    record Layout(int[] sensorOf, boolean[][] predictors, boolean[] calibrated, int[] judged, double[] ridge) {

        /** Every sensor judged by its own level, with the usual ridge. */
        Layout(final int[] sensorOf, final boolean[][] predictors, final boolean[] calibrated) {
            this(sensorOf, predictors, calibrated, identity(predictors.length), filled(predictors.length, RIDGE));
        }

        /** {@code views} values per sensor (levels of several time constants); every sensor expected from all the others'. */
        static Layout levels(final int sensors, final int views) {
            final int n = sensors * views;
            final int[] sensorOf = new int[n];
            final boolean[][] predictors = new boolean[sensors][n];
            for (int i = 0; i < n; i++) {
                sensorOf[i] = i % sensors;
                for (int k = 0; k < sensors; k++) {
                    predictors[k][i] = sensorOf[i] != k;
                }
            }
            return new Layout(sensorOf, predictors, new boolean[sensors]);
        }

        /**
         * {@link #levels} followed by {@code heat} more values, all of sensor {@code source}, that
         * alone predict sensor {@code target} (with a calibrated scale); the other sensors are
         * expected as in {@link #levels}.
         */
        static Layout withCause(final int sensors, final int views, final int heat, final int source, final int target) {
            final Layout base = levels(sensors, views);
            final int n = sensors * views + heat;
            final int[] sensorOf = Arrays.copyOf(base.sensorOf, n);
            final boolean[][] predictors = new boolean[sensors][];
            for (int k = 0; k < sensors; k++) {
                predictors[k] = Arrays.copyOf(base.predictors[k], n);
            }
            for (int i = sensors * views; i < n; i++) {
                sensorOf[i] = source;
            }
            Arrays.fill(predictors[target], false);
            for (int i = sensors * views; i < n; i++) {
                predictors[target][i] = true;
            }
            final boolean[] calibrated = new boolean[sensors];
            calibrated[target] = true;
            return new Layout(sensorOf, predictors, calibrated);
        }

        /**
         * {@link #levels} followed by a faster level of sensor {@code target}, judged instead of its
         * level, and {@code lagged} values of sensor {@code source} that alone predict it, by least
         * squares (no ridge: the values are a physical model's, the cause seen through the lags it
         * acts with, and the ridge's shrinkage would mix those lags wrongly); the other sensors are
         * expected as in {@link #levels}, without the new values.
         */
        static Layout withLaggedCause(final int sensors, final int views, final int lagged, final int source,
                                      final int target) {
            final Layout base = levels(sensors, views);
            final int first = sensors * views;
            final int n = first + 1 + lagged;
            final int[] sensorOf = Arrays.copyOf(base.sensorOf, n);
            final boolean[][] predictors = new boolean[sensors][];
            for (int k = 0; k < sensors; k++) {
                predictors[k] = Arrays.copyOf(base.predictors[k], n);
            }
            sensorOf[first] = target;
            for (int i = first + 1; i < n; i++) {
                sensorOf[i] = source;
            }
            Arrays.fill(predictors[target], false);
            for (int i = first + 1; i < n; i++) {
                predictors[target][i] = true;
            }
            final boolean[] calibrated = new boolean[sensors];
            calibrated[target] = true;
            final int[] judged = identity(sensors);
            judged[target] = first;
            final double[] ridge = filled(sensors, RIDGE);
            ridge[target] = 0.0;
            return new Layout(sensorOf, predictors, calibrated, judged, ridge);
        }

        int size() {
            return sensorOf.length;
        }

        private static int[] identity(final int n) {
            final int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
            }
            return a;
        }

        private static double[] filled(final int n, final double v) {
            final double[] a = new double[n];
            Arrays.fill(a, v);
            return a;
        }
    }

    /** The sensors judged: the first entries of every sample; the rest are further views of them. */
    int sensors;
    double weight;
    double[] mean;
    double[] cov;

    /**
     * @param sensors the sensors judged
     * @param values  how many values each sample holds (the size of its {@link Layout})
     */
    static Reference empty(final int sensors, final int values) {
        final Reference r = new Reference();
        r.sensors = sensors;
        r.mean = new double[values];
        r.cov = new double[values * values];
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
     * @param x        a sample: the first {@link #sensors} entries are the levels judged, the rest
     *                 further views as the layout says (e.g. slower levels that carry how a sensor
     *                 follows another with a lag)
     * @param layout   which values predict which sensor; its size is this reference's
     * @param expected filled with each sensor's expected level
     * @param scatter  filled with each expectation's standard deviation
     */
    void expect(final double[] x, final Layout layout, final double[] expected, final double[] scatter) {
        expect(x, layout, expected, scatter, new boolean[sensors]);
    }

    /**
     * The same, with the {@code excluded} sensors left out of every expectation (sensors already
     * found faulty, so that they do not drag the others' expectations with them).
     */
    void expect(final double[] x, final Layout layout, final double[] expected, final double[] scatter,
                final boolean[] excluded) {
        final int n = dim();
        final int[] use = new int[n];
        final double[] a = new double[n * n];
        final double[] b = new double[n];
        final double[] rhs = new double[n];
        final double[] beta = new double[n];
        for (int k = 0; k < sensors; k++) {
            final int own = layout.judged()[k];
            final double ridge = layout.ridge()[k];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (layout.predictors()[k][i] && !excluded[layout.sensorOf()[i]]) {
                    use[m++] = i;
                }
            }
            for (int ii = 0; ii < m; ii++) {
                final int i = use[ii];
                for (int jj = 0; jj < m; jj++) {
                    final int j = use[jj];
                    a[ii * m + jj] = cov[i * n + j] + (i == j ? ridge * cov[i * n + i] + 1e-12 : 0.0);
                }
                b[ii] = cov[i * n + own];
            }
            System.arraycopy(b, 0, rhs, 0, m);
            solve(a, rhs, beta, m);
            double e = 0;
            double explained = 0;
            for (int ii = 0; ii < m; ii++) {
                e += beta[ii] * (x[use[ii]] - mean[use[ii]]);
                explained += beta[ii] * b[ii];
            }
            if (layout.calibrated()[k]) {
                // the fitted values' variance; the scale that fits them best is explained / fitted
                double fitted = 0;
                for (int ii = 0; ii < m; ii++) {
                    for (int jj = 0; jj < m; jj++) {
                        fitted += beta[ii] * beta[jj] * cov[use[ii] * n + use[jj]];
                    }
                }
                if (fitted > 1e-300) {
                    e *= explained / fitted;
                    explained = explained * explained / fitted;
                }
            }
            expected[k] = mean[own] + e;
            scatter[k] = Math.sqrt(Math.max(cov[own * n + own] - explained, 0));
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
