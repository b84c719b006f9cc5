package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A machine whose normal lies far from its peers'. Each machine keeps slow levels of its sensors
 * (exponentially weighted over {@code level}) and sends them to its group every {@code every}; the
 * group answers with how they compare with the group's median and spread ({@link PeerGroup}). A
 * sensor beyond {@code alertZ} spreads for {@code sustain} raises {@code PEER_DEVIATION}; it clears
 * when all are back below {@code clearZ}. It needs no history of the machine itself, so it holds for
 * a machine that was already unhealthy when it was first seen, which its own reference would learn
 * as normal.
 */
public final class PeerWatch extends AbstractWatch<PeerWatch.State> {

    public static final String ID = "peers";
    static final int VERSION = 1;

    private final WatchSettings.Peers settings;

    public PeerWatch(final WatchSettings.Peers settings) {
        super(ID, Alert.TYPE_PEER_DEVIATION, VERSION);
        this.settings = settings;
    }

    /** The machine's levels and what its group last said. */
    public static final class State extends SlotState {
        double[] level;
        double levelSpan;
        Instant lastReading;
        Instant lastSent;
        Instant beyondSince;

        State(final AlertSlot slot) {
            super(slot, VERSION);
        }

        @Override
        void writeFields(final BinaryWriter out) {
            out.writeDoubles(level);
            out.writeDouble(levelSpan);
            out.writeInstant(lastReading);
            out.writeInstant(lastSent);
            out.writeInstant(beyondSince);
        }
    }

    @Override
    public State initial() {
        return new State(new AlertSlot());
    }

    @Override
    public State read(final BinaryReader in, final int version) {
        final State s = new State(AlertSlot.read(in));
        s.level = in.readDoubles();
        s.levelSpan = in.readDouble();
        s.lastReading = in.readInstant();
        s.lastSent = in.readInstant();
        s.beyondSince = in.readInstant();
        return s;
    }

    public WatchSettings.Peers settings() {
        return settings;
    }

    /** Updates the levels; the verdict comes with the group's answer ({@link #onComparison}). */
    @Override
    public Verdict onReading(final State s, final Observation o) {
        final double[] x = o.values();
        if (s.level == null || s.level.length != x.length) {
            s.level = x.clone();
            s.levelSpan = 0;
            s.lastReading = o.timestamp();
            return null;
        }
        final double gap = Math.max(0, Duration.between(s.lastReading, o.timestamp()).toMillis() / 1000.0);
        s.lastReading = o.timestamp();
        // while young the levels average every reading so far, then they forget over the time constant
        final double alpha = Math.max(1 - Math.exp(-gap / settings.level().toSeconds()),
                gap / Math.max(s.levelSpan + gap, 1e-9));
        for (int k = 0; k < x.length; k++) {
            s.level[k] += alpha * (x[k] - s.level[k]);
        }
        s.levelSpan += gap;
        return null;
    }

    /** The levels to send to the machine's group now, or null when none are due. */
    public PeerLevel due(final State s, final Observation o) {
        if (s.level == null || s.levelSpan < 5 * settings.every().toSeconds()) {
            return null;
        }
        if (s.lastSent != null && Duration.between(s.lastSent, o.timestamp()).compareTo(settings.every()) < 0) {
            return null;
        }
        s.lastSent = o.timestamp();
        return new PeerLevel(o.machineId(), settings.groupOf(o.machineId(), o.reading().machineType()), o.timestamp(),
                s.level.clone());
    }

    /** The group's answer to the machine's levels. */
    public Verdict onComparison(final State s, final PeerComparison c, final List<String> features) {
        if (c.peers() < settings.minPeers() || c.median().length != features.size()) {
            // too few peers left to compare with: nothing to say against the machine
            s.beyondSince = null;
            return Verdict.belowAlert(s.slot, false);
        }
        if (c.levels().length != features.size()) {
            return null;
        }
        double worst = 0;
        for (int k = 0; k < features.size(); k++) {
            worst = Math.max(worst, Math.abs(c.z(k)));
        }
        if (worst >= settings.alertZ()) {
            if (s.beyondSince == null) {
                s.beyondSince = c.at();
            }
        } else {
            s.beyondSince = null;
        }
        final boolean alert = s.beyondSince != null
                && Duration.between(s.beyondSince, c.at()).compareTo(settings.sustain()) >= 0
                || s.slot.level == Verdict.Level.ALERT && worst >= settings.clearZ();
        if (alert) {
            return alert(c, features);
        }
        return Verdict.belowAlert(s.slot, worst >= settings.clearZ());
    }

    private Verdict alert(final PeerComparison c, final List<String> features) {
        final List<Contributor> contributors = new ArrayList<>();
        final Map<String, Double> metrics = new LinkedHashMap<>();
        for (int k = 0; k < features.size(); k++) {
            if (Math.abs(c.z(k)) >= settings.clearZ()) {
                contributors.add(new Contributor(features.get(k), c.levels()[k], c.median()[k], c.spread()[k], c.z(k),
                        c.z(k) >= 0 ? Contributor.Direction.ABOVE : Contributor.Direction.BELOW));
                metrics.put(features.get(k), c.levels()[k]);
            }
        }
        contributors.sort(Comparator.comparingDouble(x -> -Math.abs(x.z())));
        final List<String> parts = new ArrayList<>();
        for (final Contributor x : contributors) {
            parts.add(phrase(x));
        }
        final String text = String.format(Locale.ROOT, "%s %s than its %d peers in group %s: compare its load, cooling,"
                + " bearings and settings with theirs", c.machineId(), String.join(" and ", parts), c.peers(), c.group());
        final boolean far = contributors.stream().anyMatch(x -> Math.abs(x.z()) >= 2 * settings.alertZ());
        return Verdict.alert(far ? Severity.CRITICAL : Severity.WARNING, text, metrics, contributors, null);
    }

    private static String phrase(final Contributor c) {
        final String unit = Sensors.unitOf(c.sensor());
        final String amount = String.format(Locale.ROOT, Math.abs(c.deviation()) >= 100 ? "%.0f" : "%.2g",
                Math.abs(c.deviation())) + (unit.isEmpty() ? "" : " " + unit);
        final boolean above = c.direction() == Contributor.Direction.ABOVE;
        return switch (c.sensor()) {
            case Sensors.TEMPERATURE -> "runs " + amount + (above ? " hotter" : " cooler");
            case Sensors.CURRENT -> "draws " + amount + (above ? " more" : " less");
            case Sensors.VIBRATION -> "vibrates " + amount + (above ? " more" : " less");
            case Sensors.RPM -> "turns " + amount + (above ? " faster" : " slower");
            case Sensors.PRESSURE -> "delivers " + amount + (above ? " more pressure" : " less pressure");
            default -> "has " + c.sensor() + " " + amount + (above ? " higher" : " lower");
        };
    }
}
