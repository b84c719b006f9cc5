package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.events.model.TelemetryReading;

import java.util.List;

/** Picks a reading's configured features, in model order. */
public final class FeatureVector {

    private FeatureVector() {
    }

    /** The values, or null when the reading lacks one of the features. */
    public static double[] of(final TelemetryReading reading, final List<String> features) {
        final double[] x = new double[features.size()];
        for (int k = 0; k < x.length; k++) {
            final Double v = reading.values().get(features.get(k));
            if (v == null) {
                return null;
            }
            x[k] = v;
        }
        return x;
    }

    /** The first feature the reading lacks, or null. */
    public static String missing(final TelemetryReading reading, final List<String> features) {
        for (final String f : features) {
            if (!reading.values().containsKey(f)) {
                return f;
            }
        }
        return null;
    }
}
