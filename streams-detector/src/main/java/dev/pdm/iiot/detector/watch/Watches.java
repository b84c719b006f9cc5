package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.events.model.Alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The watches a detector runs besides the forest, and the one place that turns their verdicts
 * into alerts ({@link ConditionAlerts}). The topology's processors and {@code evaluate} call it
 * with the machine's {@link WatchStates} and a way to look up the machine's stored alerts.
 */
public final class Watches {

    private final List<Watch<? extends WatchState>> all;
    private final ConditionAlerts alerts;
    private final PeerWatch peers;
    private final SilenceWatch silence;
    private final DropoutWatch dropout;

    private Watches(final List<Watch<? extends WatchState>> all, final ConditionAlerts alerts) {
        this.all = List.copyOf(all);
        this.alerts = alerts;
        this.peers = find(all, PeerWatch.class);
        this.silence = find(all, SilenceWatch.class);
        this.dropout = find(all, DropoutWatch.class);
    }

    /** The standard watches that the settings switch on: trend, peers, stuck sensor, silence, dropout. */
    public static Watches standard(final WatchSettings s) {
        final List<Watch<? extends WatchState>> list = new ArrayList<>();
        if (s.trend().enabled()) {
            list.add(new TrendWatch(s));
        }
        if (s.peers().enabled()) {
            list.add(new PeerWatch(s.peers()));
        }
        if (s.stuck().enabled()) {
            list.add(new StuckSensorWatch(s.stuck()));
        }
        if (s.silence().enabled()) {
            list.add(new SilenceWatch(s.silence()));
        }
        if (s.dropout().enabled()) {
            list.add(new DropoutWatch(s.dropout()));
        }
        return new Watches(list, new ConditionAlerts(s.updateEvery()));
    }

    private static <W> W find(final List<Watch<? extends WatchState>> all, final Class<W> type) {
        for (final Watch<? extends WatchState> w : all) {
            if (type.isInstance(w)) {
                return type.cast(w);
            }
        }
        return null;
    }

    public List<Watch<? extends WatchState>> all() {
        return all;
    }

    /** The peer watch, or null when it is off. */
    public PeerWatch peers() {
        return peers;
    }

    /** The silence watch, or null when it is off. */
    public SilenceWatch silence() {
        return silence;
    }

    /**
     * What one accepted reading changed.
     *
     * @param alerts    alerts raised, updated or cleared
     * @param peerLevel the machine's levels to send to its group, or null
     */
    public record Outcome(List<Alert> alerts, PeerLevel peerLevel) {
        static final Outcome NONE = new Outcome(List.of(), null);
    }

    /** Every watch on an accepted reading, in time order (a late reading is the forest's alone). */
    public Outcome onReading(final WatchStates states, final Observation o, final Function<String, Alert> stored) {
        if (all.isEmpty()) {
            return Outcome.NONE;
        }
        final List<Alert> changed = new ArrayList<>(1);
        for (final Watch<? extends WatchState> w : all) {
            final Alert a = reading(w, states, o, stored);
            if (a != null) {
                changed.add(a);
            }
        }
        final PeerLevel level = peers == null ? null : peers.due(states.of(peers), o);
        return changed.isEmpty() && level == null ? Outcome.NONE : new Outcome(changed, level);
    }

    private <S extends WatchState> Alert reading(final Watch<S> w, final WatchStates states, final Observation o,
                                                 final Function<String, Alert> stored) {
        final S s = states.of(w);
        final Verdict v = w.onReading(s, o);
        return v == null ? null : judge(w, s, o.machineId(), v, o.timestamp(), o.now(), stored);
    }

    private <S extends WatchState> Alert judge(final Watch<S> w, final S s, final String machineId, final Verdict v,
                                               final Instant at, final Instant now,
                                               final Function<String, Alert> stored) {
        final AlertSlot slot = s.slot();
        final Alert open = slot.openAlertId == null ? null : stored.apply(slot.openAlertId);
        return alerts.apply(slot, machineId, w.alertType(), v, open, at, now);
    }

    /** The wall clock, with no reading of the machine since its last: the silence watch's turn. */
    public Alert onClock(final WatchStates states, final String machineId, final Instant now,
                         final Function<String, Alert> stored) {
        if (silence == null) {
            return null;
        }
        final SilenceWatch.State s = states.of(silence);
        final Verdict v = silence.onClock(s, now);
        return v == null ? null : judge(silence, s, machineId, v, now, now, stored);
    }

    /** When the machine counts as silent if no reading comes first, or null. */
    public Instant silentAt(final WatchStates states) {
        if (silence == null) {
            return null;
        }
        final SilenceWatch.State s = states.peek(silence);
        return s == null ? null : silence.silentAt(s);
    }

    /**
     * A reading of the machine that lacks some of the features (it goes to the dead-letter topic):
     * the dropout watch counts it, and the silence watch sees the machine is still publishing.
     *
     * @return the alerts that changed
     */
    public List<Alert> onIncomplete(final WatchStates states, final String machineId, final List<String> features,
                                    final Set<String> missing, final Instant at, final Instant now,
                                    final Function<String, Alert> stored) {
        final List<Alert> changed = new ArrayList<>(1);
        if (dropout != null) {
            final DropoutWatch.State s = states.of(dropout);
            final Verdict v = dropout.onIncomplete(s, features, missing);
            final Alert a = v == null ? null : judge(dropout, s, machineId, v, at, now, stored);
            if (a != null) {
                changed.add(a);
            }
        }
        if (silence != null) {
            final SilenceWatch.State s = states.of(silence);
            final Verdict v = silence.seen(s, at, now);
            final Alert a = v == null ? null : judge(silence, s, machineId, v, at, now, stored);
            if (a != null) {
                changed.add(a);
            }
        }
        return changed;
    }

    /** The group's answer to the machine's levels. */
    public Alert onComparison(final WatchStates states, final PeerComparison c, final List<String> features,
                              final Instant now, final Function<String, Alert> stored) {
        if (peers == null) {
            return null;
        }
        final PeerWatch.State s = states.of(peers);
        final Verdict v = peers.onComparison(s, c, features);
        return v == null ? null : judge(peers, s, c.machineId(), v, c.at(), now, stored);
    }

    /** A person cleared an alert of the machine: the watch that raised it forgets it. */
    public void onClearedByPerson(final WatchStates states, final Alert cleared) {
        for (final Watch<? extends WatchState> w : all) {
            if (w.alertType().equals(cleared.type())) {
                ConditionAlerts.clearedByPerson(states.of(w).slot(), cleared);
            }
        }
    }

    /** Whether any watch has an alert of the machine open. */
    public boolean anyOpen(final WatchStates states) {
        for (final Watch<? extends WatchState> w : all) {
            final WatchState s = states.peek(w);
            if (s != null && s.slot().openAlertId != null) {
                return true;
            }
        }
        return false;
    }

    /** The machine's open alerts of the watches, type to alert id. */
    public Map<String, String> openAlerts(final WatchStates states) {
        Map<String, String> open = Map.of();
        for (final Watch<? extends WatchState> w : all) {
            final WatchState s = states.peek(w);
            if (s != null && s.slot().openAlertId != null) {
                if (open.isEmpty()) {
                    open = new LinkedHashMap<>();
                }
                open.put(w.alertType(), s.slot().openAlertId);
            }
        }
        return open;
    }

    /** Whether a watch sees something building towards an alert (or holds one back that a person cleared). */
    public boolean watching(final WatchStates states) {
        for (final Watch<? extends WatchState> w : all) {
            final WatchState s = states.peek(w);
            if (s != null && s.slot().level != Verdict.Level.CLEAR && s.slot().openAlertId == null) {
                return true;
            }
        }
        return false;
    }
}
