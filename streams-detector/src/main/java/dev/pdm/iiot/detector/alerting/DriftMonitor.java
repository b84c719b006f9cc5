package dev.pdm.iiot.detector.alerting;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Severity;

/**
 * The drift signal. A model's threshold is set so that a share {@code contamination} of the
 * machine's normal readings scores above it; that share is the expected anomaly rate. The monitor
 * keeps an exponentially weighted share of anomalous readings over about {@code window} readings
 * (weight 1/window per reading). The machine's normal has drifted when, at least {@code window}
 * readings after its model changed, that rate is {@code rateFactor} times the expected one or more
 * while the machine has no open alert worse than INFO: many mild anomalies, none that a person is
 * dealing with. A fault raises WARNING or CRITICAL alerts and so never retrains the model away.
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

    public boolean drifted(final double rate, final long scoredSinceModel, final Alert open) {
        if (!settings.enabled() || scoredSinceModel < settings.window()) {
            return false;
        }
        if (open != null && open.status().isOpen() && open.peakSeverity() != Severity.INFO) {
            return false;
        }
        return rate >= settings.rateFactor() * expectedRate;
    }

    /** The rate a fresh model starts from: the expected one. */
    public double initialRate() {
        return expectedRate;
    }
}
