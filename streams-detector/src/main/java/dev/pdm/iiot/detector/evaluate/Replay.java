package dev.pdm.iiot.detector.evaluate;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.scoring.FeatureVector;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.detector.streams.MachineDetector;
import dev.pdm.iiot.detector.streams.TrainingRows;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Duration;
import java.time.Instant;

/**
 * Replays one labeled series through {@link MachineDetector}, the code the topology runs, with the
 * state kept in memory instead of stores (the training rows in an in-memory store, encoded as the
 * training store encodes them). Two predictions per tested reading: the point itself
 * (its score above the machine's threshold) and the alert (an alert of the machine is open after
 * it: raised after {@code raiseAfter} anomalies in a row, cleared after {@code clearAfter} normal
 * readings).
 */
public final class Replay {

    /**
     * The confusion of both predictions over one series.
     *
     * @param alertsOutsideFaults alerts raised at a reading that lies in no labeled fault (after the
     *                  training readings): false alarms, or alerts on a fault's aftermath
     * @param alertsAwayFromFaults of those, alerts raised more than {@link #AFTERMATH} after the end of the
     *                  machine's last labeled fault: false alarms that are not a fault's aftermath (a hot
     *                  machine cooling down after its repair, the alert of a fault that outlives its label)
     * @param retrains  models trained for drift after the first
     * @param refreshes models trained on a grown training set of clean readings
     * @param trainingWrites readings after which the machine's training set is written (a row stored, or the set deleted)
     * @param rejected readings the topology would send to the dead-letter topic (a feature missing), not scored
     */
    public record Result(Confusion points, Confusion alerts, int alertsRaised, int alertsOutsideFaults,
                         int alertsAwayFromFaults, int retrains, int refreshes, int trainingWrites,
                         int rejected) {
    }

    /** How long after a labeled fault's end an alert counts as the fault's aftermath. */
    public static final Duration AFTERMATH = Duration.ofMinutes(30);

    private Replay() {
    }

    public static Result run(final Series series, final DetectorSettings base) {
        final DetectorSettings settings = base.withFeatures(series.features())
                .withTraining(base.training().withSamples(series.train()));
        final MachineDetector detector = new MachineDetector(settings);
        final MachineContext ctx = MachineContext.initial(series.readings().get(0).machineId());
        final TrainingRows rows = TrainingRows.inMemory();
        TrainedModel model = null;
        Alert open = null;
        final int n = series.readings().size();
        final boolean[] point = new boolean[n];
        final boolean[] alert = new boolean[n];
        final boolean[] scored = new boolean[n];
        int raised = 0;
        int outside = 0;
        int away = 0;
        Instant lastFault = null;
        int retrains = 0;
        int refreshes = 0;
        int writes = 0;
        int rejected = 0;
        for (int i = 0; i < n; i++) {
            final TelemetryReading r = series.readings().get(i);
            if (series.labels()[i]) {
                lastFault = r.timestamp();
            }
            if (FeatureVector.missing(r, settings.features()) != null) {
                rejected++;
                continue;
            }
            if (detector.isDuplicate(ctx, r)) {
                continue;
            }
            scored[i] = true;
            final MachineDetector.Step step = detector.onReading(ctx, rows, model, open, r, r.timestamp());
            if (step.trainingChanged()) {
                writes++;
            }
            if (step.trained() != null) {
                if (step.trained().reason() == ModelDescriptor.Reason.REFRESH) {
                    refreshes++;
                } else if (model != null) {
                    retrains++;
                }
                model = step.trained();
            }
            if (step.alert() != null) {
                if (open == null || !open.alertId().equals(step.alert().alertId())) {
                    raised++;
                    if (!series.labels()[i]) {
                        outside++;
                        if (lastFault == null || Duration.between(lastFault, r.timestamp()).compareTo(AFTERMATH) > 0) {
                            away++;
                        }
                    }
                }
                open = step.alert().status().isOpen() ? step.alert() : null;
            }
            point[i] = step.scored().anomaly();
            alert[i] = open != null;
        }
        return new Result(confusion(series, point, scored), confusion(series, alert, scored), raised, outside, away, retrains,
                refreshes, writes, rejected);
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
