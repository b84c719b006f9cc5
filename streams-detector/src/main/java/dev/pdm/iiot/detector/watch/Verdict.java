package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.SensorTrend;
import dev.pdm.iiot.events.model.Severity;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a watch says of a machine at one moment.
 *
 * @param level          clear, building towards an alert (watch), or alert
 * @param severity       the alert's severity (ignored unless {@code ALERT})
 * @param recommendation what to do, in words, naming what was seen
 * @param metrics        the values behind it (sensor levels), for the alert's {@code metrics}
 * @param contributors   the sensors that drive it, strongest first
 * @param trends         the sensors' trends and times to limit, soonest first (degradation only)
 */
public record Verdict(Level level, Severity severity, String recommendation, Map<String, Double> metrics,
                      List<Contributor> contributors, List<SensorTrend> trends) {

    /** Stored by its ordinal: new levels go at the end. */
    public enum Level { CLEAR, WATCH, ALERT }

    public static final Verdict CLEAR = new Verdict(Level.CLEAR, Severity.INFO, null, Map.of(), List.of(), List.of());
    public static final Verdict WATCH = new Verdict(Level.WATCH, Severity.INFO, null, Map.of(), List.of(), List.of());

    public Verdict {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(severity, "severity");
        metrics = metrics == null ? Map.of() : metrics;
        contributors = contributors == null ? List.of() : List.copyOf(contributors);
        trends = trends == null ? List.of() : List.copyOf(trends);
    }

    /**
     * The verdict below an alert: WATCH while something builds towards one, else CLEAR; null when
     * that is what the watch said last.
     */
    public static Verdict belowAlert(final AlertSlot slot, final boolean building) {
        final Level level = building ? Level.WATCH : Level.CLEAR;
        return level == slot.level ? null : building ? WATCH : CLEAR;
    }

    public static Verdict alert(final Severity severity, final String recommendation, final Map<String, Double> metrics,
                                final List<Contributor> contributors, final List<SensorTrend> trends) {
        return new Verdict(Level.ALERT, severity, recommendation, metrics, contributors, trends);
    }
}
