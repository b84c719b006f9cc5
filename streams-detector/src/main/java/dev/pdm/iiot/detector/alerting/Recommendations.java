package dev.pdm.iiot.detector.alerting;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.Sensors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an alert tells people to do. First the prototype's rules on the reading's absolute values
 * (temperature above 80 °C, vibration above 4 mm/s, current above 15 A, rpm below 1400), in its own
 * words, then one sentence per contributing sensor from the configurable table, e.g.
 * "temperature 12.3 °C above normal: check cooling and lubrication".
 */
public final class Recommendations {

    static final String PROTOTYPE_PREFIX = "Schedule inspection: ";
    static final String PROTOTYPE_DEFAULT = "Monitor closely for additional anomalies";

    private final DetectorSettings.Recommendations settings;

    public Recommendations(final DetectorSettings.Recommendations settings) {
        this.settings = settings;
    }

    public String of(final Map<String, Double> metrics, final List<Contributor> contributors) {
        final StringBuilder text = new StringBuilder();
        if (settings.prototypeRules()) {
            text.append(prototype(metrics));
        }
        for (final Contributor c : contributors) {
            final String action = settings.actions().get(DetectorSettings.Recommendations.key(c.sensor(), c.direction()));
            if (text.length() > 0) {
                text.append(". ");
            }
            text.append(describe(c));
            if (action != null) {
                text.append(": ").append(action);
            }
        }
        return text.toString();
    }

    /** The prototype's recommendation, word for word. */
    static String prototype(final Map<String, Double> m) {
        final List<String> issues = new ArrayList<>();
        if (above(m, Sensors.TEMPERATURE, 80)) {
            issues.add("Temperature exceeds safe threshold");
        }
        if (above(m, Sensors.VIBRATION, 4.0)) {
            issues.add("Excessive vibration detected");
        }
        if (above(m, Sensors.CURRENT, 15)) {
            issues.add("High current draw");
        }
        final Double rpm = m.get(Sensors.RPM);
        if (rpm != null && rpm < 1400) {
            issues.add("RPM below optimal range");
        }
        return issues.isEmpty() ? PROTOTYPE_DEFAULT : PROTOTYPE_PREFIX + String.join(", ", issues);
    }

    private static boolean above(final Map<String, Double> m, final String sensor, final double limit) {
        final Double v = m.get(sensor);
        return v != null && v > limit;
    }

    /** "temperature 12.3 °C above normal (z 4.1)". */
    static String describe(final Contributor c) {
        final String unit = Sensors.unitOf(c.sensor());
        final double amount = Math.abs(c.deviation());
        final String formatted = amount >= 100 ? String.format(Locale.ROOT, "%.0f", amount)
                : amount >= 1 ? String.format(Locale.ROOT, "%.1f", amount) : String.format(Locale.ROOT, "%.3g", amount);
        return c.sensor() + ' ' + formatted + (unit.isEmpty() ? "" : " " + unit) + ' '
                + (c.direction() == Contributor.Direction.ABOVE ? "above" : "below") + " normal"
                + String.format(Locale.ROOT, " (z %.1f)", c.z());
    }
}
