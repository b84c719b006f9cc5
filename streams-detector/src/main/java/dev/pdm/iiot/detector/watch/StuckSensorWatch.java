package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sensor that normally varies and now repeats one value, or stays inside a band far narrower
 * than its usual change between two readings, for {@code readings} readings in a row. Per sensor it
 * learns the usual change between consecutive readings (an exponentially weighted mean of their
 * absolute difference) and how often a value simply repeats; a sensor that repeats often when
 * healthy (coarse, quantized) is not judged. The run ends, and the alert clears, when the sensor
 * leaves the band. A frozen value lies inside the machine's normal, so the forest cannot see it.
 */
public final class StuckSensorWatch extends AbstractWatch<StuckSensorWatch.State> {

    public static final String ID = "stuck";
    static final int VERSION = 1;
    private static final double WEIGHT = 0.02;

    private final WatchSettings.Stuck settings;

    public StuckSensorWatch(final WatchSettings.Stuck settings) {
        super(ID, Alert.TYPE_STUCK_SENSOR, VERSION);
        this.settings = settings;
    }

    /** Per sensor, in feature order. */
    public static final class State extends SlotState {
        long readings;
        double[] last;
        double[] runMin;
        double[] runMax;
        int[] run;
        /** Usual absolute change between two readings. */
        double[] change;
        /** Share of readings that repeat the last value exactly. */
        double[] repeats;

        State(final AlertSlot slot) {
            super(slot, VERSION);
        }

        void size(final int d) {
            if (last == null || last.length != d) {
                last = new double[d];
                runMin = new double[d];
                runMax = new double[d];
                run = new int[d];
                change = new double[d];
                repeats = new double[d];
                readings = 0;
            }
        }

        @Override
        void writeFields(final BinaryWriter out) {
            out.writeLong(readings);
            out.writeDoubles(last);
            out.writeDoubles(runMin);
            out.writeDoubles(runMax);
            if (run == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(run.length);
                for (final int r : run) {
                    out.writeInt(r);
                }
            }
            out.writeDoubles(change);
            out.writeDoubles(repeats);
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
        s.last = in.readDoubles();
        s.runMin = in.readDoubles();
        s.runMax = in.readDoubles();
        final int n = in.readInt();
        if (n >= 0) {
            s.run = new int[n];
            for (int k = 0; k < n; k++) {
                s.run[k] = in.readInt();
            }
        }
        s.change = in.readDoubles();
        s.repeats = in.readDoubles();
        return s;
    }

    @Override
    public Verdict onReading(final State s, final Observation o) {
        final double[] x = o.values();
        s.size(x.length);
        final List<Integer> stuck = new ArrayList<>();
        boolean building = false;
        for (int k = 0; k < x.length; k++) {
            if (s.readings == 0) {
                s.last[k] = x[k];
                s.runMin[k] = x[k];
                s.runMax[k] = x[k];
                s.run[k] = 1;
                continue;
            }
            final double diff = Math.abs(x[k] - s.last[k]);
            final double lo = Math.min(s.runMin[k], x[k]);
            final double hi = Math.max(s.runMax[k], x[k]);
            if (s.change[k] > 0 && hi - lo <= settings.band() * s.change[k]) {
                s.run[k]++;
                s.runMin[k] = lo;
                s.runMax[k] = hi;
            } else {
                s.run[k] = 1;
                s.runMin[k] = x[k];
                s.runMax[k] = x[k];
            }
            if (s.run[k] < settings.readings() / 2) {
                // learn the sensor's usual behaviour only outside a run that may be a stuck one
                s.change[k] = s.readings == 1 ? diff : s.change[k] + WEIGHT * (diff - s.change[k]);
                s.repeats[k] += WEIGHT * ((diff == 0 ? 1.0 : 0.0) - s.repeats[k]);
            }
            s.last[k] = x[k];
            if (judged(s, k)) {
                if (s.run[k] >= settings.readings()) {
                    stuck.add(k);
                } else if (s.run[k] >= settings.readings() / 2) {
                    building = true;
                }
            }
        }
        s.readings++;
        if (!stuck.isEmpty()) {
            return alert(s, o, stuck);
        }
        return Verdict.belowAlert(s.slot, building);
    }

    private boolean judged(final State s, final int k) {
        return s.readings >= settings.history() && s.change[k] > 0 && s.repeats[k] <= settings.maxRepeatRate();
    }

    private Verdict alert(final State s, final Observation o, final List<Integer> stuck) {
        final Map<String, Double> metrics = new LinkedHashMap<>();
        final List<Contributor> contributors = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        for (final int k : stuck) {
            final String sensor = o.features().get(k);
            final String unit = Sensors.unitOf(sensor);
            metrics.put(sensor, s.last[k]);
            contributors.add(new Contributor(sensor, s.last[k], s.last[k], s.change[k], 0.0, Contributor.Direction.ABOVE));
            text.append(text.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s has stayed at %s%s for %d readings (it usually changes by %s between readings)", sensor,
                    number(s.last[k]), unit.isEmpty() ? "" : " " + unit, s.run[k], number(s.change[k])));
        }
        text.append(": check the sensor, its wiring and its transmitter");
        return Verdict.alert(Severity.WARNING, text.toString(), metrics, contributors, null);
    }

    private static String number(final double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3g", v);
    }
}
