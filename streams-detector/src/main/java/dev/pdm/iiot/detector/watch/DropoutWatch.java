package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sensors that go missing from a machine's readings. A reading without one of the detector's
 * features cannot be scored and goes to the dead-letter topic with its reason; this watch counts,
 * per sensor, the share of the machine's readings that lack it (exponentially weighted over
 * {@code window} readings) and raises {@code SENSOR_DROPOUT} when a share reaches {@code alertAt},
 * so that the machine's engineer hears of a failing sensor, not only the platform's operator.
 */
public final class DropoutWatch extends AbstractWatch<DropoutWatch.State> {

    public static final String ID = "dropout";
    static final int VERSION = 1;

    private final WatchSettings.Dropout settings;

    public DropoutWatch(final WatchSettings.Dropout settings) {
        super(ID, Alert.TYPE_SENSOR_DROPOUT, VERSION);
        this.settings = settings;
    }

    /** The share of recent readings missing each sensor, in feature order. */
    public static final class State extends SlotState {
        long readings;
        double[] missing;

        State(final AlertSlot slot) {
            super(slot, VERSION);
        }

        @Override
        void writeFields(final BinaryWriter out) {
            out.writeLong(readings);
            out.writeDoubles(missing);
        }
    }

    @Override
    public State initial() {
        return new State(new AlertSlot());
    }

    @Override
    public State read(final BinaryReader in, final int version) {
        final State s = new State(AlertSlot.read(in));
        s.readings = in.readLong();
        s.missing = in.readDoubles();
        return s;
    }

    @Override
    public Verdict onReading(final State s, final Observation o) {
        return count(s, o.features(), Set.of());
    }

    /** A reading of the machine that lacks the {@code missing} features (it goes to the dead-letter topic). */
    public Verdict onIncomplete(final State s, final List<String> features, final Set<String> missing) {
        return count(s, features, missing);
    }

    private Verdict count(final State s, final List<String> features, final Set<String> missing) {
        if (s.missing == null || s.missing.length != features.size()) {
            s.missing = new double[features.size()];
            s.readings = 0;
        }
        final double w = 1.0 / settings.window();
        double worst = 0;
        for (int k = 0; k < features.size(); k++) {
            s.missing[k] += w * ((missing.contains(features.get(k)) ? 1.0 : 0.0) - s.missing[k]);
            worst = Math.max(worst, s.missing[k]);
        }
        s.readings++;
        if (s.slot.level != Verdict.Level.ALERT && missing.isEmpty() && worst == 0) {
            return null;
        }
        final boolean alert = s.readings >= settings.window() / 2
                && (worst >= settings.alertAt() || s.slot.level == Verdict.Level.ALERT && worst >= settings.clearAt());
        if (!alert) {
            return Verdict.belowAlert(s.slot, worst >= settings.clearAt());
        }
        final Map<String, Double> metrics = new LinkedHashMap<>();
        final List<String> parts = new ArrayList<>();
        for (int k = 0; k < features.size(); k++) {
            if (s.missing[k] >= settings.clearAt()) {
                metrics.put(features.get(k) + "_missing_share", s.missing[k]);
                parts.add(String.format(Locale.ROOT, "%s is missing from %.0f %% of the recent readings",
                        features.get(k), 100 * s.missing[k]));
            }
        }
        return Verdict.alert(Severity.WARNING, String.join("; ", parts)
                + " (they go to the dead-letter topic unscored): check the sensor, its wiring and the device's"
                + " configuration", metrics, null, null);
    }
}
