package dev.pdm.iiot.detector.evaluate;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.scoring.FeatureVector;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.detector.streams.MachineDetector;
import dev.pdm.iiot.detector.streams.TrainingRows;
import dev.pdm.iiot.detector.watch.PeerComparison;
import dev.pdm.iiot.detector.watch.PeerGroup;
import dev.pdm.iiot.detector.watch.PeerLevel;
import dev.pdm.iiot.detector.watch.Watches;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays labeled series through {@link MachineDetector}, the code the topology runs, with the
 * state kept in memory instead of stores (the training rows in an in-memory store, encoded as the
 * training store encodes them). The series of a fleet are replayed together in time order, so that
 * peers compare machines at the same moment and a silent machine is judged on the fleet's clock
 * (the latest reading's time stands for the wall clock). Two predictions per tested reading: the
 * point itself (its score above the machine's threshold) and the alert (an alert of any type of
 * the machine is open after it); and per alert type whether one of that type is open.
 */
public final class Replay {

    /**
     * The confusion of the predictions over the replayed series.
     *
     * @param byType    the alert prediction per alert type (an alert of that type open)
     * @param raisedByType alerts raised per type
     * @param awayByType   per type, alerts raised away from faults (see {@code alertsAwayFromFaults})
     * @param alertsOutsideFaults alerts raised at a reading that lies in no labeled fault (after the
     *                  training readings): false alarms, or alerts on a fault's aftermath
     * @param alertsAwayFromFaults of those, alerts raised more than {@link #AFTERMATH} after the end of the
     *                  machine's last labeled fault: false alarms that are not a fault's aftermath (a hot
     *                  machine cooling down after its repair, the alert of a fault that outlives its label)
     * @param retrains  models trained for drift after the first
     * @param refreshes models trained on a grown training set of clean readings
     * @param trainingWrites readings after which the machine's training set is written (a row stored, or the set deleted)
     * @param rejected readings the topology would send to the dead-letter topic (a feature missing), not scored
     * @param machineDays the replayed time summed over the machines, in days
     * @param episodes  every labeled episode with a tested reading, and when each alert type first saw it
     */
    public record Result(Confusion points, Confusion alerts, Map<String, Confusion> byType,
                         Map<String, Integer> raisedByType, Map<String, Integer> awayByType, int alertsRaised,
                         int alertsOutsideFaults, int alertsAwayFromFaults, int retrains, int refreshes,
                         int trainingWrites, int rejected, double machineDays, List<EpisodeOutcome> episodes) {
    }

    /**
     * One labeled episode and when it was first alerted, per alert type.
     *
     * @param series      the machine or file
     * @param episode     the episode
     * @param start       its start (or the first tested reading, when it began during training)
     * @param firstByType per alert type that was open during it, the time from its start to the first such reading
     */
    public record EpisodeOutcome(String series, Series.Episode episode, Instant start, Map<String, Duration> firstByType) {
    }

    /** Every alert type, in the order they are reported. */
    public static final List<String> TYPES = List.of(Alert.TYPE_ANOMALY, Alert.TYPE_DEGRADATION,
            Alert.TYPE_PEER_DEVIATION, Alert.TYPE_STUCK_SENSOR, Alert.TYPE_SENSOR_DROPOUT, Alert.TYPE_SILENT);

    /** How long after a labeled fault's end an alert counts as the fault's aftermath. */
    public static final Duration AFTERMATH = Duration.ofMinutes(30);

    private Replay() {
    }

    /** One series on its own: no peers. */
    public static Result run(final Series series, final DetectorSettings base) {
        return fleet(List.of(series), base);
    }

    /** One machine of the fleet, as the replay goes. */
    private static final class Machine {
        final Series series;
        final MachineContext ctx;
        final TrainingRows rows = TrainingRows.inMemory();
        final Map<String, Alert> alerts = new HashMap<>();
        final Map<String, Alert> open = new LinkedHashMap<>();
        final boolean[] point;
        final boolean[] alert;
        final boolean[] scored;
        final Map<String, boolean[]> byType = new TreeMap<>();
        TrainedModel model;
        int next;
        int current = -1;
        Instant lastFault;

        Machine(final Series series) {
            this.series = series;
            this.ctx = MachineContext.initial(series.readings().get(0).machineId());
            final int n = series.readings().size();
            point = new boolean[n];
            alert = new boolean[n];
            scored = new boolean[n];
        }

        Instant nextTime() {
            return series.readings().get(next).timestamp();
        }
    }

    /** The fleet's counters. */
    private static final class Tally {
        final Map<String, Integer> raised = new TreeMap<>();
        final Map<String, Integer> away = new TreeMap<>();
        int total;
        int outside;
        int awayTotal;
        int retrains;
        int refreshes;
        int writes;
        int rejected;
    }

    public static Result fleet(final List<Series> fleet, final DetectorSettings base) {
        final Series first = fleet.get(0);
        final DetectorSettings settings = base.withFeatures(first.features())
                .withTraining(base.training().withSamples(first.train()));
        final MachineDetector detector = new MachineDetector(settings);
        final Watches watches = detector.watches();
        final PeerGroup peerGroup = watches.peers() == null ? null : new PeerGroup(watches.peers().settings());
        final Map<String, Map<String, PeerLevel>> groups = new HashMap<>();
        final List<Machine> machines = new ArrayList<>();
        final PriorityQueue<Machine> queue = new PriorityQueue<>((a, b) -> a.nextTime().compareTo(b.nextTime()));
        for (final Series s : fleet) {
            final Machine m = new Machine(s);
            machines.add(m);
            queue.add(m);
        }
        final Tally tally = new Tally();
        while (!queue.isEmpty()) {
            final Machine m = queue.poll();
            final int i = m.next++;
            if (m.next < m.series.readings().size()) {
                queue.add(m);
            }
            m.current = i;
            final TelemetryReading r = m.series.readings().get(i);
            if (m.series.labels()[i]) {
                m.lastFault = r.timestamp();
            }
            reading(detector, watches, settings, m, i, r, tally, peerGroup, groups, machines);
            if (watches.silence() != null) {
                for (final Machine other : machines) {
                    if (other != m && other.current >= 0) {
                        final Instant due = watches.silentAt(other.ctx.watches());
                        if (due != null && !r.timestamp().isBefore(due)) {
                            note(other, watches.onClock(other.ctx.watches(), other.ctx.machineId, r.timestamp(),
                                    other.alerts::get), other.current, tally);
                        }
                    }
                }
            }
            m.alert[i] = !m.open.isEmpty();
            for (final String type : m.open.keySet()) {
                m.byType.computeIfAbsent(type, t -> new boolean[m.series.readings().size()])[i] = true;
            }
        }
        final Confusion points = new Confusion();
        final Confusion alerts = new Confusion();
        final Map<String, Confusion> byType = new TreeMap<>();
        final List<EpisodeOutcome> episodes = new ArrayList<>();
        double days = 0;
        for (final Machine m : machines) {
            episodes.addAll(outcomes(m));
            points.addAll(confusion(m.series, m.point, m.scored));
            alerts.addAll(confusion(m.series, m.alert, m.scored));
            for (final String type : TYPES) {
                final boolean[] predicted = m.byType.getOrDefault(type, new boolean[m.series.readings().size()]);
                byType.computeIfAbsent(type, t -> new Confusion()).addAll(confusion(m.series, predicted, m.scored));
            }
            final List<TelemetryReading> rs = m.series.readings();
            days += Duration.between(rs.get(0).timestamp(), rs.get(rs.size() - 1).timestamp()).toMillis() / 86_400_000.0;
        }
        return new Result(points, alerts, byType, tally.raised, tally.away, tally.total, tally.outside, tally.awayTotal,
                tally.retrains, tally.refreshes, tally.writes, tally.rejected, days, episodes);
    }

    private static List<EpisodeOutcome> outcomes(final Machine m) {
        final Series s = m.series;
        final List<EpisodeOutcome> out = new ArrayList<>();
        for (final Series.Episode e : s.episodes()) {
            if (e.to() <= s.train()) {
                continue;
            }
            final int from = Math.max(e.from(), s.train());
            final Instant start = s.readings().get(from).timestamp();
            final Map<String, Duration> first = new LinkedHashMap<>();
            for (final String type : TYPES) {
                final boolean[] open = m.byType.get(type);
                for (int i = from; open != null && i < e.to(); i++) {
                    if (open[i]) {
                        first.put(type, Duration.between(start, s.readings().get(i).timestamp()));
                        break;
                    }
                }
            }
            out.add(new EpisodeOutcome(s.name(), e, start, first));
        }
        return out;
    }

    private static void reading(final MachineDetector detector, final Watches watches, final DetectorSettings settings,
                                final Machine m, final int i, final TelemetryReading r, final Tally tally,
                                final PeerGroup peerGroup, final Map<String, Map<String, PeerLevel>> groups,
                                final List<Machine> machines) {
        if (FeatureVector.missing(r, settings.features()) != null) {
            tally.rejected++;
            final Set<String> absent = new HashSet<>();
            for (final String f : settings.features()) {
                if (!r.values().containsKey(f)) {
                    absent.add(f);
                }
            }
            for (final Alert a : watches.onIncomplete(m.ctx.watches(), m.ctx.machineId, settings.features(), absent,
                    r.timestamp(), r.timestamp(), m.alerts::get)) {
                note(m, a, i, tally);
            }
            return;
        }
        if (detector.isDuplicate(m.ctx, r)) {
            return;
        }
        m.scored[i] = true;
        final Alert openAnomaly = m.open.get(Alert.TYPE_ANOMALY);
        final MachineDetector.Step step = detector.onReading(m.ctx, m.rows, m.model, openAnomaly, r, r.timestamp(),
                m.alerts::get);
        if (step.trainingChanged()) {
            tally.writes++;
        }
        if (step.trained() != null) {
            if (step.trained().reason() == ModelDescriptor.Reason.REFRESH) {
                tally.refreshes++;
            } else if (m.model != null) {
                tally.retrains++;
            }
            m.model = step.trained();
        }
        note(m, step.alert(), i, tally);
        for (final Alert a : step.watchAlerts()) {
            note(m, a, i, tally);
        }
        if (step.peerLevel() != null && peerGroup != null) {
            final PeerLevel level = step.peerLevel();
            final Map<String, PeerLevel> members = groups.computeIfAbsent(level.group(), g -> new HashMap<>());
            members.put(level.machineId(), level);
            final PeerGroup.Stats stats = peerGroup.stats(members.values(), level.at());
            final PeerComparison c = stats == null ? PeerComparison.alone(level) : PeerGroup.compare(level, stats);
            note(m, watches.onComparison(m.ctx.watches(), c, settings.features(), r.timestamp(), m.alerts::get), i,
                    tally);
        }
        m.point[i] = step.scored().anomaly();
    }

    /** Keeps an alert's change and counts a newly raised one. */
    private static void note(final Machine m, final Alert a, final int i, final Tally tally) {
        if (a == null) {
            return;
        }
        final boolean raised = !m.alerts.containsKey(a.alertId());
        m.alerts.put(a.alertId(), a);
        if (a.status().isOpen()) {
            m.open.put(a.type(), a);
        } else {
            m.open.remove(a.type());
        }
        if (!raised) {
            return;
        }
        tally.total++;
        tally.raised.merge(a.type(), 1, Integer::sum);
        if (!m.series.labels()[i]) {
            tally.outside++;
            final Instant at = m.series.readings().get(i).timestamp();
            if (m.lastFault == null || Duration.between(m.lastFault, at).compareTo(AFTERMATH) > 0) {
                tally.awayTotal++;
                tally.away.merge(a.type(), 1, Integer::sum);
            }
        }
    }

    /**
     * Pooled counts over the tested readings, and per labeled episode with a tested reading whether it
     * was detected and how fast: from its start (or the first tested reading, when it began during
     * training) to its first positive prediction.
     */
    private static Confusion confusion(final Series s, final boolean[] predicted, final boolean[] scored) {
        final Confusion c = new Confusion();
        final boolean[] labels = s.labels();
        for (int i = s.train(); i < labels.length; i++) {
            if (scored[i]) {
                c.add(labels[i], predicted[i]);
            }
        }
        for (final Series.Episode e : s.episodes()) {
            if (e.to() <= s.train()) {
                continue;
            }
            final int from = Math.max(e.from(), s.train());
            final Instant start = s.readings().get(from).timestamp();
            Duration ttd = null;
            for (int i = from; i < e.to() && ttd == null; i++) {
                if (scored[i] && predicted[i]) {
                    ttd = Duration.between(start, s.readings().get(i).timestamp());
                }
            }
            c.episode(e.fault(), ttd);
        }
        return c;
    }
}
