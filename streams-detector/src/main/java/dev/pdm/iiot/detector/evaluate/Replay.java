package dev.pdm.iiot.detector.evaluate;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.model.TrainingBuffer;
import dev.pdm.iiot.detector.scoring.FeatureVector;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.detector.streams.MachineDetector;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Duration;
import java.time.Instant;

/**
 * Replays one labeled series through {@link MachineDetector}, the code the topology runs, with the
 * state kept in memory instead of stores. Two predictions per tested reading: the point itself
 * (its score above the machine's threshold) and the alert (an alert of the machine is open after
 * it: raised after {@code raiseAfter} anomalies in a row, cleared after {@code clearAfter} normal
 * readings).
 */
public final class Replay {

    /**
     * The confusion of both predictions over one series.
     *
     * @param rejected readings the topology would send to the dead-letter topic (a feature missing), not scored
     */
    public record Result(Confusion points, Confusion alerts, int alertsRaised, int retrains, int rejected) {
    }

    private Replay() {
    }

    public static Result run(final Series series, final DetectorSettings base) {
        final DetectorSettings settings = base.withFeatures(series.features())
                .withTraining(base.training().withSamples(series.train()));
        final MachineDetector detector = new MachineDetector(settings);
        final MachineContext ctx = MachineContext.initial(series.readings().get(0).machineId());
        TrainingBuffer buffer = null;
        TrainedModel model = null;
        Alert open = null;
        final int n = series.readings().size();
        final boolean[] point = new boolean[n];
        final boolean[] alert = new boolean[n];
        final boolean[] scored = new boolean[n];
        int raised = 0;
        int retrains = 0;
        int rejected = 0;
        for (int i = 0; i < n; i++) {
            final TelemetryReading r = series.readings().get(i);
            if (FeatureVector.missing(r, settings.features()) != null) {
                rejected++;
                continue;
            }
            if (detector.isDuplicate(ctx, r)) {
                continue;
            }
            scored[i] = true;
            final MachineDetector.Step step = detector.onReading(ctx, buffer, model, open, r, r.timestamp());
            buffer = step.buffer();
            if (step.trained() != null) {
                if (model != null) {
                    retrains++;
                }
                model = step.trained();
            }
            if (step.alert() != null) {
                if (open == null || !open.alertId().equals(step.alert().alertId())) {
                    raised++;
                }
                open = step.alert().status().isOpen() ? step.alert() : null;
            }
            point[i] = step.scored().anomaly();
            alert[i] = open != null;
        }
        return new Result(confusion(series, point, scored), confusion(series, alert, scored), raised, retrains,
                rejected);
    }

    private static Confusion confusion(final Series s, final boolean[] predicted, final boolean[] scored) {
        final Confusion c = new Confusion();
        final boolean[] labels = s.labels();
        for (int i = s.train(); i < labels.length; i++) {
            if (scored[i]) {
                c.add(labels[i], predicted[i]);
            }
        }
        int i = s.train();
        while (i < labels.length) {
            if (!labels[i]) {
                i++;
                continue;
            }
            final Instant start = s.readings().get(i).timestamp();
            Duration ttd = null;
            while (i < labels.length && labels[i]) {
                if (ttd == null && scored[i] && predicted[i]) {
                    ttd = Duration.between(start, s.readings().get(i).timestamp());
                }
                i++;
            }
            c.episode(ttd);
        }
        return c;
    }
}
