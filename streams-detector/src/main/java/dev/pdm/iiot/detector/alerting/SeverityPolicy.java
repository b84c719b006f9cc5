package dev.pdm.iiot.detector.alerting;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.Severity;
import smile.stat.distribution.GaussianDistribution;
import smile.stat.distribution.TDistribution;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The severity of an anomalous reading. By default ({@code SENSORS}) from how far the reading's
 * farthest sensor lies from the machine's normal, in the deviations the model learned: the forest
 * decides whether a reading is anomalous, the sensors how much. An Isolation Forest's score
 * saturates and is noisy in its upper tail (a gross fault of a forest trained on 30 readings scores
 * only a few hundredths above its threshold, and healthy readings of a machine whose load moves score
 * as high), while a sensor's distance grows with the fault. {@code RELATIVE} also grades by the margin
 * by which the score exceeds the machine's threshold. The prototype's absolute bands on scikit-learn's
 * {@code score_samples} (minus the score): below -0.5 CRITICAL, below -0.3 WARNING, else INFO,
 * are available as a setting; with a per-machine model nearly every anomaly falls below -0.5 there,
 * which is why the prototype's alerts were all CRITICAL.
 */
public final class SeverityPolicy {

    /** Student's t distributions by degrees of freedom, made once each: making one costs more than its cdf. */
    private static final AtomicReferenceArray<TDistribution> STUDENT = new AtomicReferenceArray<>(4096);

    private final DetectorSettings.Alerting settings;

    public SeverityPolicy(final DetectorSettings.Alerting settings) {
        this.settings = settings;
    }

    /** Severity from the score alone. */
    public Severity of(final double score, final double threshold) {
        return of(score, threshold, 0.0);
    }

    /**
     * @param maxAbsZ the largest distance of one of the reading's sensors from its training mean, in
     *                training deviations
     */
    public Severity of(final double score, final double threshold, final double maxAbsZ) {
        return of(score, threshold, maxAbsZ, 0);
    }

    /**
     * @param maxAbsZ the largest distance of one of the reading's sensors from its training mean, in
     *                training deviations
     * @param samples readings the model's deviations were estimated from; with {@code sampleSizeZ} the
     *                distance is judged as {@link #equivalentZ} of it (0: as it is)
     */
    public Severity of(final double score, final double threshold, final double maxAbsZ, final int samples) {
        return grade(score, threshold, settings.sampleSizeZ() ? equivalentZ(maxAbsZ, samples) : maxAbsZ);
    }

    /**
     * The distance of a new reading from a mean and (population) deviation estimated from {@code n}
     * readings, as the distance of a normal variable with the same two-sided tail probability: the
     * reading's standardized distance {@code z / sqrt((1 + 1/n) n / (n − 1))} follows Student's t with
     * n − 1 degrees of freedom. A deviation estimated from few readings is uncertain, and a reading 4 of
     * them away is far less rare than 4 true deviations; from many readings, the two agree. Below 3
     * readings, z as it is.
     */
    public static double equivalentZ(final double z, final int n) {
        if (n < 3 || !(z > 0) || Double.isInfinite(z)) {
            return z;
        }
        final double t = z / Math.sqrt((1.0 + 1.0 / n) * n / (n - 1.0));
        final double tail = student(n - 1).cdf(-t);
        if (!(tail > 0)) {
            return z;
        }
        return Math.min(z, -GaussianDistribution.getInstance().quantile(tail));
    }

    private static TDistribution student(final int nu) {
        if (nu >= STUDENT.length()) {
            return new TDistribution(nu);
        }
        TDistribution t = STUDENT.get(nu);
        if (t == null) {
            t = new TDistribution(nu);
            STUDENT.set(nu, t);
        }
        return t;
    }

    private Severity grade(final double score, final double threshold, final double maxAbsZ) {
        if (settings.severityMode() == DetectorSettings.SeverityMode.PROTOTYPE) {
            final double scoreSamples = -score;
            if (scoreSamples < -0.5) {
                return Severity.CRITICAL;
            }
            return scoreSamples < -0.3 ? Severity.WARNING : Severity.INFO;
        }
        if (settings.severityMode() == DetectorSettings.SeverityMode.SENSORS) {
            if (maxAbsZ >= settings.criticalZ()) {
                return Severity.CRITICAL;
            }
            return maxAbsZ >= settings.warningZ() ? Severity.WARNING : Severity.INFO;
        }
        final double margin = score - threshold;
        if (margin >= settings.criticalMargin() || maxAbsZ >= settings.criticalZ()) {
            return Severity.CRITICAL;
        }
        return margin >= settings.warningMargin() || maxAbsZ >= settings.warningZ() ? Severity.WARNING : Severity.INFO;
    }
}
