package dev.pdm.iiot.detector.alerting;

import dev.pdm.iiot.detector.model.DetectorSettings;

/**
 * The drift signal. A model's threshold is set so that a share {@code contamination} of the
 * machine's normal readings scores above it; that share is the expected anomaly rate. The monitor
 * keeps an exponentially weighted share of anomalous readings over about {@code window} readings
 * (weight 1/window per reading). The machine's normal has drifted when, at least {@code window}
 * readings after its model changed, that rate is {@code rateFactor} times the expected one or more
 * while no alert of the machine has been open for {@code window} readings: many anomalies, but all
 * too mild to raise an alert. A fault raises alerts, which hold the drift signal off, so a fault is
 * not retrained away; a retraining for drift also leaves out readings that would count towards an
 * alert.
 */
public final class DriftMonitor {

    private final DetectorSettings.Drift settings;
    private final double expectedRate;

    public DriftMonitor(final DetectorSettings.Drift settings, final double contamination) {
        this.settings = settings;
        this.expectedRate = contamination;
    }

    /** The rate after one more scored reading. */
    public double update(final double rate, final boolean anomaly) {
        final double w = 1.0 / settings.window();
        return rate + w * ((anomaly ? 1.0 : 0.0) - rate);
    }

    /**
     * @param rate             the current anomaly rate
     * @param scoredSinceModel readings the current model has scored
     * @param sinceAlert       readings since an alert of the machine was last open
     */
    public boolean drifted(final double rate, final long scoredSinceModel, final long sinceAlert) {
        if (!settings.enabled() || scoredSinceModel < settings.window() || sinceAlert < settings.window()) {
            return false;
        }
        return rate >= settings.rateFactor() * expectedRate;
    }

    /** The rate a fresh model starts from: the expected one. */
    public double initialRate() {
        return expectedRate;
    }
}
