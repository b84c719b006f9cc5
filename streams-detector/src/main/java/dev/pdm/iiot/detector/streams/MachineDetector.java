package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.alerting.AlertLifecycle;
import dev.pdm.iiot.detector.alerting.DriftMonitor;
import dev.pdm.iiot.detector.alerting.Recommendations;
import dev.pdm.iiot.detector.alerting.SeverityPolicy;
import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.model.SeqWindow;
import dev.pdm.iiot.detector.scoring.Baseline;
import dev.pdm.iiot.detector.scoring.Contributions;
import dev.pdm.iiot.detector.scoring.FeatureVector;
import dev.pdm.iiot.detector.scoring.ForestState;
import dev.pdm.iiot.detector.scoring.ForestTrainer;
import dev.pdm.iiot.detector.scoring.ShiftChart;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.detector.scoring.TrainingSample;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertIds;
import dev.pdm.iiot.detector.watch.Observation;
import dev.pdm.iiot.detector.watch.PeerLevel;
import dev.pdm.iiot.detector.watch.Watches;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What happens to one machine on one accepted reading: de-duplication, the sensors' baseline,
 * training and refreshes, scoring, the anomaly alert and the drift signal, then every other watch
 * ({@link Watches}: trend, peers, stuck sensor, silence, dropout). The topology's processor and the
 * {@code evaluate} command run the same code: the caller loads the machine's context, model and open
 * alert, hands over the training rows (the training store, or rows in memory), calls
 * {@link #onReading}, and keeps what the {@link Step} says changed.
 */
public final class MachineDetector {

    private final DetectorSettings settings;
    private final ForestTrainer trainer;
    private final Contributions contributions;
    private final SeverityPolicy severity;
    private final Recommendations recommendations;
    private final AlertLifecycle lifecycle;
    private final DriftMonitor drift;
    private final Baseline baseline;
    private final ShiftChart shift;
    private final TrainingSample sample;
    private final Watches watches;

    public MachineDetector(final DetectorSettings settings) {
        this.settings = settings;
        this.trainer = new ForestTrainer(settings.training());
        this.contributions = new Contributions(settings.contributions());
        this.severity = new SeverityPolicy(settings.alerting());
        this.recommendations = new Recommendations(settings.recommendations());
        this.lifecycle = new AlertLifecycle(settings.alerting());
        this.drift = new DriftMonitor(settings.drift(), settings.training().contamination());
        this.baseline = settings.learning().baselineEnabled() ? new Baseline(settings.learning().baseline()) : null;
        this.shift = new ShiftChart(settings.alerting().shift());
        this.sample = new TrainingSample(Math.max(settings.learning().trainingSet(), settings.training().samples()),
                settings.training().seed());
        this.watches = Watches.standard(settings.watches());
    }

    public Watches watches() {
        return watches;
    }

    public DetectorSettings settings() {
        return settings;
    }

    public AlertLifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * What one reading changed.
     *
     * @param scored          the reading with its score, for the recent-readings window
     * @param trainingChanged whether the reading wrote a row of the machine's training set or deleted
     *                        the set (already done in the training rows)
     * @param trained         a model trained on this reading, or null
     * @param alert           the anomaly alert's new state, or null when it did not change
     * @param status          the machine's status after this reading
     * @param watchAlerts     the other watches' alerts that changed (raised, updated, cleared)
     * @param peerLevel       the machine's levels to send to its peer group, or null
     */
    public record Step(ScoredReading scored, boolean trainingChanged, TrainedModel trained, Alert alert,
                       MachineStatus status, List<Alert> watchAlerts, PeerLevel peerLevel) {

        Step(final ScoredReading scored, final boolean trainingChanged, final TrainedModel trained, final Alert alert,
             final MachineStatus status) {
            this(scored, trainingChanged, trained, alert, status, List.of(), null);
        }

        Step withWatches(final Watches.Outcome o, final MachineStatus after) {
            return new Step(scored, trainingChanged, trained, alert, after, o.alerts(), o.peerLevel());
        }
    }

    /**
     * Whether the reading is one the machine has already sent: a sequence number not above the
     * highest accepted one that is either already seen or older than the window of
     * {@value SeqWindow#SIZE} numbers below it ({@link SeqWindow}; with no window, a context kept
     * before it existed, every lower number counts as seen), unless the reading is more than
     * {@code restartAfter} later, a device that restarted its count; or, without sequence numbers,
     * the same timestamp as the last reading. A lower number inside the window and not yet seen is
     * a late reading, not a duplicate ({@link #isLate}).
     */
    public boolean isDuplicate(final MachineContext ctx, final TelemetryReading r) {
        return arrival(ctx, r) == Arrival.DUPLICATE;
    }

    /**
     * Whether the reading arrived after readings the machine sent later (the bridge refused it and
     * the device sent it again, or the device failed over to another MQTT node and resent it) and is
     * seen for the first time: its sequence number lies below the highest accepted one, inside the
     * window, and is not marked seen. A late reading is scored and counted like any other, but the
     * machine's latest reading, timestamp and sequence number stay where they are, the baseline takes
     * it in without a time step, and the watches, which follow the readings in time order, do not see it.
     */
    public boolean isLate(final MachineContext ctx, final TelemetryReading r) {
        return arrival(ctx, r) == Arrival.LATE;
    }

    /** How a reading stands to those the machine has sent before. */
    private enum Arrival { NEXT, LATE, DUPLICATE }

    private Arrival arrival(final MachineContext ctx, final TelemetryReading r) {
        if (ctx.lastTimestamp == null) {
            return Arrival.NEXT;
        }
        if (r.seq() != null && ctx.lastSeq != null) {
            if (r.seq() > ctx.lastSeq) {
                return Arrival.NEXT;
            }
            final Duration gap = Duration.between(ctx.lastTimestamp, r.timestamp());
            if (gap.compareTo(settings.restartAfter()) > 0) {
                return Arrival.NEXT;
            }
            return SeqWindow.seen(ctx.seqWindow, ctx.lastSeq, r.seq()) ? Arrival.DUPLICATE : Arrival.LATE;
        }
        return r.seq() == null && r.timestamp().equals(ctx.lastTimestamp) ? Arrival.DUPLICATE : Arrival.NEXT;
    }

    /** Counts a duplicate and returns the status to publish. */
    public MachineStatus onDuplicate(final MachineContext ctx, final Instant now) {
        ctx.duplicates++;
        ctx.updatedAt = now;
        return status(ctx);
    }

    /**
     * @param ctx     the machine's context, changed in place
     * @param rows    the training rows: the machine's are written when a reading joins its training
     *                set and read only when a model is trained
     * @param model   its current model, or null before the first
     * @param open    its open anomaly alert, or null
     * @param r       the accepted reading, carrying every feature; a late one ({@link #isLate}) is
     *                scored, counted and learned from, but moves neither the machine's latest reading
     *                nor its sequence number, and the watches do not see it
     * @param now     the time of processing
     * @param stored  the machine's stored alerts by id (the watches' open ones are looked up there)
     */
    public Step onReading(final MachineContext ctx, final TrainingRows rows, final TrainedModel model,
                          final Alert open, final TelemetryReading r, final Instant now,
                          final Function<String, Alert> stored) {
        final ForestState forest = ctx.forest();
        final boolean late = isLate(ctx, r);
        final Step step = forestStep(ctx, rows, model, open, r, now, late);
        if (late || watches.all().isEmpty()) {
            // the watches judge the readings in time order: a late one is the forest's alone
            return step;
        }
        final boolean learned = forest.modelVersion != null;
        final boolean healthy = learned && forest.openAlertId == null && !watches.anyOpen(ctx.watches());
        final Observation o = new Observation(ctx.machineId, r, settings.features(),
                FeatureVector.of(r, settings.features()), now, learned, healthy);
        final Watches.Outcome outcome = watches.onReading(ctx.watches(), o, stored);
        return outcome.alerts().isEmpty() && outcome.peerLevel() == null ? step.withWatches(outcome, step.status())
                : step.withWatches(outcome, status(ctx));
    }

    /** The Isolation Forest's part of a reading; {@code late}: a reading that arrived after later ones. */
    private Step forestStep(final MachineContext ctx, final TrainingRows rows, final TrainedModel model,
                            final Alert open, final TelemetryReading r, final Instant now, final boolean late) {
        final ForestState forest = ctx.forest();
        if (baseline != null && forest.baseline == null && forest.modelVersion != null) {
            // a model of the raw readings, kept from before baselines: it cannot score deviations
            forgetModel(ctx);
        }
        final double[] raw = window(ctx, FeatureVector.of(r, settings.features()));
        // a late reading takes no time step: the baseline gives it a new reading's least weight
        final double gap = late || ctx.lastTimestamp == null ? 0.0
                : Duration.between(ctx.lastTimestamp, r.timestamp()).toMillis() / 1000.0;
        // the levels the features are measured from (null: the forest sees the readings themselves)
        final double[] levels = baseline == null ? null
                : forest.baseline == null ? raw.clone() : forest.baseline.clone();
        final double[] x = levels == null ? raw : Baseline.deviation(levels, raw);
        if (levels != null && shift.enabled() && !late) {
            followShift(forest, x);
        }
        ctx.readings++;
        if (late) {
            SeqWindow.mark(ctx.seqWindow, ctx.lastSeq, r.seq());
        } else {
            ctx.lastReading = r;
            ctx.lastTimestamp = r.timestamp();
            if (r.seq() != null) {
                advanceSeq(ctx, r.seq());
            }
        }
        ctx.updatedAt = now;

        ScoredReading scored = new ScoredReading(r, null, null, false, null);
        Alert alert = null;
        boolean alerting = false;
        boolean openAfter = false;
        boolean restart = false;
        if (model != null && forest.modelVersion != null) {
            final double score = model.score(x);
            final boolean anomalous = score > model.threshold();
            scored = new ScoredReading(r, score, model.threshold(), anomalous, model.version());
            forest.lastScore = score;
            forest.threshold = model.threshold();
            forest.scoredSinceModel++;
            forest.anomalyRate = drift.update(forest.anomalyRate, anomalous);
            if (anomalous) {
                forest.anomalies++;
                forest.state = MachineState.ANOMALY;
            } else {
                forest.state = MachineState.NORMAL;
            }
            List<Contributor> drivers = anomalous ? contributions.of(model, x, levels) : List.of();
            Severity sev = anomalous
                    ? severity.of(score, model.threshold(), Math.abs(drivers.get(0).z()), model.samples()) : null;
            final boolean pointAlerting = sev != null && settings.alerting().alerting(sev);
            final boolean openBefore = open != null && open.status().isOpen();
            final boolean quiet = forest.shiftQuietUntil != null && r.timestamp().isBefore(forest.shiftQuietUntil);
            final boolean shifted = levels != null && !quiet && (!openBefore || forest.shiftDirection != null)
                    && shift.shifted(forest.shiftLevel, forest.shiftSpread, forest.shiftClean, forest.shiftDirection);
            if (!pointAlerting && shifted) {
                // a sensor's recent mean has moved: the reading counts towards the alert like a WARNING
                drivers = anomalous ? drivers : contributions.of(model, x, levels);
                sev = Severity.WARNING;
                if (forest.shiftDirection == null) {
                    forest.shiftDirection = shift.direction(forest.shiftLevel, forest.shiftSpread, forest.shiftClean);
                }
            }
            alerting = sev != null && settings.alerting().alerting(sev);
            alert = alerting ? anomaly(ctx, open, model, drivers, r, score, sev) : normal(ctx, open, r);
            final Alert current = alert != null ? alert : open;
            openAfter = current != null && current.status().isOpen();
            if (!openAfter) {
                if (openBefore) {
                    // cleared: the baseline returns from where the fault pulled it within its time
                    // constant, and the chart, measured from it, stays quiet meanwhile
                    forest.shiftQuietUntil = r.timestamp().plus(settings.learning().baseline());
                }
                if (!alerting) {
                    forest.shiftDirection = null;
                }
            }
            forest.sinceAlert = openAfter ? 0 : forest.sinceAlert + 1;
            if (!forest.collecting && drift.drifted(forest.anomalyRate, forest.scoredSinceModel, forest.sinceAlert)) {
                startCollecting(ctx, ModelDescriptor.Reason.DRIFT);
                forest.anomalyRate = drift.initialRate();
                forest.scoredSinceModel = 0;
                restart = true;
            }
        }
        if (baseline != null) {
            forest.baseline = baseline.update(forest.baseline, forest.baselineReadings, raw, gap,
                    model == null ? null : followLimits(model, forest.baseline));
            forest.baselineReadings++;
        }
        return learn(ctx, rows, x, alerting, openAfter, r, scored, alert, restart);
    }

    /**
     * Moves the level-shift chart by the reading's deviations and, while the machine is clean (no
     * anomaly alert open and no streak building up towards one), lets the chart learn its spread.
     */
    private void followShift(final ForestState forest, final double[] x) {
        forest.shiftLevel = shift.follow(forest.shiftLevel, x);
        if (forest.openAlertId == null && forest.consecutiveAnomalies == 0) {
            forest.shiftSpread = shift.learn(forest.shiftSpread, forest.shiftClean, forest.shiftLevel);
            forest.shiftClean++;
        }
    }

    /**
     * Makes {@code seq} the machine's highest sequence number. The first one, and a device's restarted
     * count (a lower number, accepted by the restart rule), begin an empty window; a higher one moves
     * the window up.
     */
    private static void advanceSeq(final MachineContext ctx, final long seq) {
        if (ctx.lastSeq == null || seq <= ctx.lastSeq) {
            ctx.seqWindow = SeqWindow.empty();
        } else {
            ctx.seqWindow = SeqWindow.advance(ctx.seqWindow, ctx.lastSeq, seq);
        }
        ctx.lastSeq = seq;
    }

    /** Per sensor, the largest deviation the baseline follows in full: {@code baselineFollow} model deviations. */
    private double[] followLimits(final TrainedModel model, final double[] level) {
        final double[] limits = contributions.scales(model, level);
        for (int k = 0; k < limits.length; k++) {
            limits[k] *= settings.learning().baselineFollow();
        }
        return limits;
    }

    /**
     * What the reading teaches a model. While readings are collected for a new model (the first N,
     * after drift or on request) the reading joins them. Otherwise a clean reading (the machine has no
     * open alert and the reading counts towards none) joins the machine's training sample, and a model
     * is trained on that sample each time the clean readings have grown by the refresh factor. A
     * reading inside an alert never enters a training set.
     *
     * The set's rows live in {@code rows}, one per slot: while collecting, the k-th reading in slot
     * k − 1; then the sample's slots as {@link TrainingSample#slot} draws them. Its size is in the
     * forest's state ({@code collected}, then the sample's count), so a reading writes one row and no more.
     *
     * @param restart whether a collection started with this reading, so that the old sample is dropped
     */
    private Step learn(final MachineContext ctx, final TrainingRows rows, final double[] x,
                       final boolean alerting, final boolean openAfter, final TelemetryReading r,
                       final ScoredReading scored, final Alert alert, final boolean restart) {
        final ForestState forest = ctx.forest();
        boolean changed = restart;
        if (restart) {
            rows.clear(ctx.machineId);
        }
        TrainedModel trained = null;
        final boolean skip = alerting && forest.collectReason == ModelDescriptor.Reason.DRIFT;
        if (forest.collecting && !skip) {
            if (forest.collected == 0 && !restart) {
                // a new collection: whatever set the machine had is no part of it
                rows.clear(ctx.machineId);
            }
            rows.put(ctx.machineId, forest.collected, x);
            forest.collected++;
            changed = true;
            if (forest.collected >= settings.training().samples()) {
                final List<double[]> set = rows.rows(ctx.machineId, forest.collected);
                if (set.size() < forest.collected) {
                    // rows the context counts are missing (a store kept in an older format): collect again
                    rows.clear(ctx.machineId);
                    forest.collected = 0;
                    return new Step(scored, true, null, alert, status(ctx));
                }
                trained = train(ctx, r, forest.collectReason, set);
                forest.collecting = false;
                forest.collected = 0;
                if (settings.learning().refreshEnabled()) {
                    // the collected rows, in slots 0 … N − 1, begin the sample of clean readings
                    forest.cleanSeen = set.size();
                    forest.sampled = set.size();
                    forest.nextRefreshAt = settings.learning().nextRefreshAt(ctx.machineId, set.size(),
                            settings.training().seed());
                } else {
                    rows.clear(ctx.machineId);
                }
            }
        } else if (!forest.collecting && forest.nextRefreshAt > 0 && !alerting && !openAfter) {
            forest.cleanSeen++;
            final int slot = forest.cleanSeen % settings.learning().sampleEvery() == 0
                    ? sample.slot(ctx.machineId, ++forest.sampled) : -1;
            if (slot >= 0) {
                rows.put(ctx.machineId, slot, x);
                changed = true;
            }
            if (forest.cleanSeen >= forest.nextRefreshAt) {
                forest.nextRefreshAt = settings.learning().nextRefreshAt(ctx.machineId, forest.cleanSeen,
                        settings.training().seed());
                final List<double[]> set = rows.rows(ctx.machineId, sampleSize(ctx));
                if (set.size() >= 2) {
                    trained = train(ctx, r, ModelDescriptor.Reason.REFRESH, set);
                }
            }
        }
        return new Step(scored, changed, trained, alert, status(ctx));
    }

    /** How many rows the machine's sample of clean readings holds. */
    public int sampleSize(final MachineContext ctx) {
        return (int) Math.min(ctx.forest().sampled, sample.capacity());
    }

    private TrainedModel train(final MachineContext ctx, final TelemetryReading r, final ModelDescriptor.Reason reason,
                               final List<double[]> rows) {
        final ForestState forest = ctx.forest();
        final TrainedModel trained = trainer.train(ctx.machineId, forest.latestVersion + 1, r.timestamp(), reason,
                settings.features(), rows.toArray(new double[0][]));
        forest.latestVersion = trained.version();
        forest.modelVersion = trained.version();
        forest.threshold = trained.threshold();
        forest.anomalyRate = drift.initialRate();
        forest.scoredSinceModel = 0;
        if (forest.state == MachineState.TRAINING) {
            forest.state = MachineState.NORMAL;
        }
        return trained;
    }

    /** Drops the scoring model and learns the machine again from its next N readings (versions go on). */
    private static void forgetModel(final MachineContext ctx) {
        final ForestState forest = ctx.forest();
        forest.modelVersion = null;
        forest.threshold = null;
        forest.state = MachineState.TRAINING;
        startCollecting(ctx, ModelDescriptor.Reason.INITIAL);
    }

    private static void startCollecting(final MachineContext ctx, final ModelDescriptor.Reason reason) {
        final ForestState forest = ctx.forest();
        forest.collecting = true;
        forest.collectReason = reason;
        forest.collected = 0;
        forest.cleanSeen = 0;
        forest.sampled = 0;
        forest.nextRefreshAt = 0;
    }

    /**
     * A person cleared one of the machine's alerts: the forest forgets its anomaly alert (and the
     * streak that raised it), or the watch that raised it forgets its own.
     */
    public void onClearedByPerson(final MachineContext ctx, final Alert cleared) {
        final ForestState forest = ctx.forest();
        if (cleared.alertId().equals(forest.openAlertId)) {
            forest.openAlertId = null;
            forest.consecutiveAnomalies = 0;
            forest.anomalyStreakStart = null;
            forest.shiftDirection = null;
        } else {
            watches.onClearedByPerson(ctx.watches(), cleared);
        }
    }

    /** The machine's model is missing from the model store: it learns a new one from its next readings. */
    public void onModelMissing(final MachineContext ctx) {
        ctx.forest().modelVersion = null;
        requestRetrain(ctx, ModelDescriptor.Reason.REQUEST);
    }

    /** Starts collecting readings for a new model, keeping the current one scoring meanwhile. */
    public boolean requestRetrain(final MachineContext ctx, final ModelDescriptor.Reason reason) {
        final ForestState forest = ctx.forest();
        if (forest.collecting && forest.collectReason == reason) {
            return false;
        }
        startCollecting(ctx, forest.modelVersion == null ? ModelDescriptor.Reason.INITIAL : reason);
        return true;
    }

    /** An anomalous reading severe enough to raise or keep an alert. */
    private Alert anomaly(final MachineContext ctx, final Alert open, final TrainedModel model,
                          final List<Contributor> drivers, final TelemetryReading r, final double score,
                          final Severity sev) {
        final ForestState forest = ctx.forest();
        forest.consecutiveNormals = 0;
        if (forest.consecutiveAnomalies == 0) {
            forest.anomalyStreakStart = r.timestamp();
        }
        forest.consecutiveAnomalies++;
        final String text = recommendations.of(r.values(), drivers);
        final String newId = AlertIds.of(ctx.machineId, Alert.TYPE_ANOMALY, forest.alertSeq + 1);
        final Alert changed = lifecycle.onAnomaly(open, newId, forest.consecutiveAnomalies, forest.anomalyStreakStart,
                new AlertLifecycle.Anomaly(r.timestamp(), score, model.threshold(), sev, r.values(), drivers, text,
                        model.version()));
        if (changed != null && (open == null || !changed.alertId().equals(open.alertId()))) {
            forest.alertSeq++;
            forest.openAlertId = changed.alertId();
        }
        return changed;
    }

    /** A normal reading, or one too mild to count towards an alert. */
    private Alert normal(final MachineContext ctx, final Alert open, final TelemetryReading r) {
        final ForestState forest = ctx.forest();
        forest.consecutiveAnomalies = 0;
        forest.anomalyStreakStart = null;
        forest.consecutiveNormals++;
        final Alert cleared = lifecycle.onNormal(open, forest.consecutiveNormals, r.timestamp());
        if (cleared != null) {
            forest.openAlertId = null;
        }
        return cleared;
    }

    /** The reading's features, or their mean over the last {@code window} readings. */
    private double[] window(final MachineContext ctx, final double[] raw) {
        final int window = settings.training().window();
        if (window <= 1) {
            return raw;
        }
        final List<double[]> recent = ctx.forest().recent();
        recent.add(raw);
        while (recent.size() > window) {
            recent.remove(0);
        }
        final double[] mean = new double[raw.length];
        for (final double[] row : recent) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += row[k] / recent.size();
            }
        }
        return mean;
    }

    public MachineStatus status(final MachineContext ctx) {
        final ForestState forest = ctx.forest();
        final Map<String, String> others = ctx.watches == null ? Map.of() : watches.openAlerts(ctx.watches);
        final Map<String, String> open;
        if (forest.openAlertId == null) {
            open = others;
        } else {
            open = new LinkedHashMap<>();
            open.put(Alert.TYPE_ANOMALY, forest.openAlertId);
            open.putAll(others);
        }
        final Health health;
        if (!open.isEmpty()) {
            health = Health.ALERT;
        } else if (forest.modelVersion == null) {
            health = Health.LEARNING;
        } else if (forest.state == MachineState.ANOMALY || forest.consecutiveAnomalies > 0
                || ctx.watches != null && watches.watching(ctx.watches)) {
            health = Health.WATCH;
        } else {
            health = Health.OK;
        }
        return new MachineStatus(ctx.machineId, forest.state,
                forest.collecting ? forest.collected : 0, settings.training().samples(), forest.modelVersion,
                ctx.lastReading, forest.lastScore, forest.threshold, ctx.readings, forest.anomalies, ctx.duplicates,
                forest.openAlertId != null ? forest.openAlertId : open.isEmpty() ? null : open.values().iterator().next(),
                ctx.updatedAt, health, open);
    }
}
