package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.detector.watch.WatchSettings;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.Severity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the detector's topology and scoring need to know, as plain values, so that the
 * topology, its tests and the {@code evaluate} command use the same settings without Quarkus.
 * {@link #defaults()} holds the documented defaults; the Quarkus app maps its configuration onto it.
 *
 * @param features           the sensors the model learns, in model order
 * @param training           how models are trained
 * @param alerting           how alerts are raised, graded and cleared
 * @param contributions      how sensors are named as the cause of an anomaly
 * @param recommendations    what an alert tells people to do
 * @param drift              when a machine's normal has drifted enough to retrain
 * @param learning           what the forest sees (deviations from a baseline) and how the model grows with experience
 * @param restartAfter       a sequence number that goes backwards is a device restart (not stale)
 *                           when its reading is this much later than the last one
 * @param readingsRetention  how long recent scored readings are kept for queries
 * @param keepModelVersions  model versions kept per machine (the current one included)
 * @param modelCacheSize     decoded models kept in memory per stream task
 * @param watches            the watches besides the forest: trend, peers, stuck sensor, silence, dropout
 */
public record DetectorSettings(
        List<String> features,
        Training training,
        Alerting alerting,
        Contributions contributions,
        Recommendations recommendations,
        Drift drift,
        Learning learning,
        Duration restartAfter,
        Duration readingsRetention,
        int keepModelVersions,
        int modelCacheSize,
        WatchSettings watches) {

    public DetectorSettings {
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        if (features.isEmpty()) {
            throw new IllegalArgumentException("at least one feature is needed");
        }
        if (features.size() > 127) {
            throw new IllegalArgumentException("at most 127 features, got " + features.size());
        }
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(alerting, "alerting");
        Objects.requireNonNull(contributions, "contributions");
        Objects.requireNonNull(recommendations, "recommendations");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(learning, "learning");
        Objects.requireNonNull(restartAfter, "restartAfter");
        Objects.requireNonNull(readingsRetention, "readingsRetention");
        Objects.requireNonNull(watches, "watches");
        if (keepModelVersions < 1) {
            throw new IllegalArgumentException("keepModelVersions must be at least 1");
        }
        if (modelCacheSize < 1) {
            throw new IllegalArgumentException("modelCacheSize must be at least 1");
        }
    }

    /** The documented defaults: the prototype's model (30 readings, 100 trees, contamination 0.15). */
    public static DetectorSettings defaults() {
        return new DetectorSettings(Sensors.PHYSICAL, Training.defaults(), Alerting.defaults(),
                Contributions.defaults(), Recommendations.defaults(), Drift.defaults(), Learning.defaults(),
                Duration.ofMinutes(5), Duration.ofMinutes(30), 3, 10_000, WatchSettings.defaults());
    }

    public DetectorSettings withFeatures(final List<String> value) {
        return new DetectorSettings(value, training, alerting, contributions, recommendations, drift, learning,
                restartAfter, readingsRetention, keepModelVersions, modelCacheSize, watches);
    }

    public DetectorSettings withWatches(final WatchSettings value) {
        return new DetectorSettings(features, training, alerting, contributions, recommendations, drift, learning,
                restartAfter, readingsRetention, keepModelVersions, modelCacheSize, value);
    }

    public DetectorSettings withTraining(final Training value) {
        return new DetectorSettings(features, value, alerting, contributions, recommendations, drift, learning,
                restartAfter, readingsRetention, keepModelVersions, modelCacheSize, watches);
    }

    public DetectorSettings withAlerting(final Alerting value) {
        return new DetectorSettings(features, training, value, contributions, recommendations, drift, learning,
                restartAfter, readingsRetention, keepModelVersions, modelCacheSize, watches);
    }

    public DetectorSettings withDrift(final Drift value) {
        return new DetectorSettings(features, training, alerting, contributions, recommendations, value, learning,
                restartAfter, readingsRetention, keepModelVersions, modelCacheSize, watches);
    }

    public DetectorSettings withLearning(final Learning value) {
        return new DetectorSettings(features, training, alerting, contributions, recommendations, drift, value,
                restartAfter, readingsRetention, keepModelVersions, modelCacheSize, watches);
    }

    public DetectorSettings withRecommendations(final Recommendations value) {
        return new DetectorSettings(features, training, alerting, contributions, value, drift, learning,
                restartAfter, readingsRetention, keepModelVersions, modelCacheSize, watches);
    }

    /**
     * @param samples        readings collected before a model is trained (N)
     * @param trees          trees of the forest
     * @param maxSamples     readings each tree is grown on, at most (scikit-learn's {@code max_samples}: min(256, N))
     * @param extensionLevel 0 = the classic axis-parallel Isolation Forest; up to features-1 = fully extended
     * @param contamination  share of the training readings that score above the alarm threshold
     * @param window         readings averaged into each feature before scoring (1 = the raw reading)
     * @param seed           base of the per-machine random seed, so that a model can be reproduced
     */
    public record Training(int samples, int trees, int maxSamples, int extensionLevel, double contamination,
                           int window, long seed) {
        public Training {
            if (samples < 2) {
                throw new IllegalArgumentException("training samples must be at least 2, was " + samples);
            }
            if (trees < 1) {
                throw new IllegalArgumentException("trees must be at least 1, was " + trees);
            }
            if (maxSamples < 2) {
                throw new IllegalArgumentException("maxSamples must be at least 2, was " + maxSamples);
            }
            if (extensionLevel < 0) {
                throw new IllegalArgumentException("extensionLevel must not be negative");
            }
            if (!(contamination > 0 && contamination < 0.5)) {
                throw new IllegalArgumentException("contamination must lie in (0, 0.5), was " + contamination);
            }
            if (window < 1) {
                throw new IllegalArgumentException("window must be at least 1, was " + window);
            }
        }

        public static Training defaults() {
            return new Training(30, 100, 256, 0, 0.15, 1, 42L);
        }

        public Training withSamples(final int value) {
            return new Training(value, trees, maxSamples, extensionLevel, contamination, window, seed);
        }

        public Training withContamination(final double value) {
            return new Training(samples, trees, maxSamples, extensionLevel, value, window, seed);
        }

        public Training withWindow(final int value) {
            return new Training(samples, trees, maxSamples, extensionLevel, contamination, value, seed);
        }

        public Training withTrees(final int value) {
            return new Training(samples, value, maxSamples, extensionLevel, contamination, window, seed);
        }

        public Training withMaxSamples(final int value) {
            return new Training(samples, trees, value, extensionLevel, contamination, window, seed);
        }

        public Training withExtensionLevel(final int value) {
            return new Training(samples, trees, maxSamples, value, contamination, window, seed);
        }

        public Training withSeed(final long value) {
            return new Training(samples, trees, maxSamples, extensionLevel, contamination, window, value);
        }
    }

    /** How severity is graded. */
    public enum SeverityMode {
        /**
         * By how far the reading's farthest sensor lies from the machine's normal, in deviations: the
         * forest decides whether a reading is anomalous, the sensors how much.
         */
        SENSORS,
        /** By how far the score lies above the machine's own threshold, or a sensor from its normal. */
        RELATIVE,
        /** The prototype's absolute bands on {@code score_samples}: below -0.5 CRITICAL, below -0.3 WARNING. */
        PROTOTYPE
    }

    /**
     * @param raiseAfter     consecutive alerting readings that raise an alert (1 = the first one)
     * @param raiseSeverity  the least severity of an anomalous reading that counts towards an alert;
     *                       milder ones are counted and shown, but neither raise nor keep an alert open
     * @param clearAfter     consecutive normal readings that clear an open alert (K)
     * @param clearQuiet     and the least time since the alert's last anomalous reading: the clearing
     *                       rule holds in time as well as in readings, so that a machine publishing every
     *                       second does not clear (and raise again) an alert after ten quiet seconds
     * @param severityMode   from the sensors' distances, relative to the machine's threshold, or the
     *                       prototype's absolute bands
     * @param warningMargin  RELATIVE: score above threshold from which an anomaly is a WARNING
     * @param criticalMargin RELATIVE: score above threshold from which an anomaly is CRITICAL
     * @param warningZ       SENSORS and RELATIVE: an anomaly one of whose sensors lies this many training
     *                       deviations from its normal is (at least) a WARNING (a forest's score
     *                       saturates for gross faults; the sensor's distance does not)
     * @param criticalZ      SENSORS and RELATIVE: likewise, CRITICAL
     * @param keepCleared    cleared alerts kept per machine for queries
     * @param sampleSizeZ    whether a sensor's distance is judged with the sample size of the model's
     *                       training set: a deviation estimated from n readings is uncertain, so a
     *                       distance z counts as the normal distance with the same tail probability under
     *                       Student's t with n − 1 degrees of freedom (for a new reading); 4 deviations of
     *                       a model of 30 readings count as 3.4, of 256 readings as 3.9
     * @param shift          the level-shift chart, whose sustained shift counts a reading towards the
     *                       anomaly alert as a WARNING
     */
    public record Alerting(int raiseAfter, Severity raiseSeverity, int clearAfter, Duration clearQuiet,
                           SeverityMode severityMode,
                           double warningMargin, double criticalMargin, double warningZ, double criticalZ,
                           int keepCleared, boolean sampleSizeZ, Shift shift) {
        public Alerting {
            Objects.requireNonNull(shift, "shift");
            Objects.requireNonNull(raiseSeverity, "raiseSeverity");
            if (raiseAfter < 1 || clearAfter < 1) {
                throw new IllegalArgumentException("raiseAfter and clearAfter must be at least 1");
            }
            Objects.requireNonNull(clearQuiet, "clearQuiet");
            if (clearQuiet.isNegative()) {
                throw new IllegalArgumentException("clearQuiet must not be negative, was " + clearQuiet);
            }
            Objects.requireNonNull(severityMode, "severityMode");
            if (!(warningMargin >= 0 && criticalMargin >= warningMargin)) {
                throw new IllegalArgumentException("need 0 <= warningMargin <= criticalMargin");
            }
            if (keepCleared < 0) {
                throw new IllegalArgumentException("keepCleared must not be negative");
            }
            if (!(warningZ > 0 && criticalZ >= warningZ)) {
                throw new IllegalArgumentException("need 0 < warningZ <= criticalZ");
            }
        }

        public static Alerting defaults() {
            return new Alerting(3, Severity.WARNING, 10, Duration.ofSeconds(30), SeverityMode.SENSORS,
                    0.03, 0.08, 4.0, 6.0, 20, true, Shift.defaults());
        }

        public Alerting withRaiseAfter(final int value) {
            return new Alerting(value, raiseSeverity, clearAfter, clearQuiet, severityMode,
                    warningMargin, criticalMargin, warningZ, criticalZ, keepCleared, sampleSizeZ, shift);
        }

        public Alerting withRaiseSeverity(final Severity value) {
            return new Alerting(raiseAfter, value, clearAfter, clearQuiet, severityMode,
                    warningMargin, criticalMargin, warningZ, criticalZ, keepCleared, sampleSizeZ, shift);
        }

        public Alerting withClearAfter(final int value) {
            return new Alerting(raiseAfter, raiseSeverity, value, clearQuiet, severityMode,
                    warningMargin, criticalMargin, warningZ, criticalZ, keepCleared, sampleSizeZ, shift);
        }

        public Alerting withClearQuiet(final Duration value) {
            return new Alerting(raiseAfter, raiseSeverity, clearAfter, value, severityMode,
                    warningMargin, criticalMargin, warningZ, criticalZ, keepCleared, sampleSizeZ, shift);
        }

        public Alerting withSeverityMode(final SeverityMode value) {
            return new Alerting(raiseAfter, raiseSeverity, clearAfter, clearQuiet, value,
                    warningMargin, criticalMargin, warningZ, criticalZ, keepCleared, sampleSizeZ, shift);
        }

        public Alerting withMargins(final double warning, final double critical) {
            return new Alerting(raiseAfter, raiseSeverity, clearAfter, clearQuiet, severityMode,
                    warning, critical, warningZ, criticalZ, keepCleared, sampleSizeZ, shift);
        }

        public Alerting withZ(final double warning, final double critical) {
            return new Alerting(raiseAfter, raiseSeverity, clearAfter, clearQuiet, severityMode,
                    warningMargin, criticalMargin, warning, critical, keepCleared, sampleSizeZ, shift);
        }

        public Alerting withSampleSizeZ(final boolean value) {
            return new Alerting(raiseAfter, raiseSeverity, clearAfter, clearQuiet, severityMode,
                    warningMargin, criticalMargin, warningZ, criticalZ, keepCleared, value, shift);
        }

        public Alerting withShift(final Shift value) {
            return new Alerting(raiseAfter, raiseSeverity, clearAfter, clearQuiet, severityMode,
                    warningMargin, criticalMargin, warningZ, criticalZ, keepCleared, sampleSizeZ, value);
        }

        /** Whether an anomalous reading of this severity counts towards an alert. */
        public boolean alerting(final Severity severity) {
            return severity.compareTo(raiseSeverity) <= 0;
        }
    }

    /**
     * The level-shift chart ({@code ShiftChart}): per sensor an exponentially weighted mean of the
     * readings' deviations from their baseline, against its own spread learned on clean readings.
     *
     * @param z         a chart this many of its spreads from zero counts a reading towards the anomaly
     *                  alert as a WARNING; 0 = off
     * @param smoothing the weight of a new reading in the chart (0.1: about the last 10 readings)
     * @param warmup    clean readings the chart's spread is learned from before it judges
     * @param memory    clean readings the spread remembers (a new one weighs at least 1 / memory)
     */
    public record Shift(double z, double smoothing, int warmup, int memory) {
        public Shift {
            if (!(z >= 0) || !(smoothing > 0 && smoothing <= 1) || warmup < 1 || memory < 1) {
                throw new IllegalArgumentException("need z >= 0, 0 < smoothing <= 1, warmup >= 1, memory >= 1");
            }
        }

        public static Shift defaults() {
            return new Shift(5.0, 0.1, 200, 3600);
        }

        public static Shift off() {
            return new Shift(0.0, 0.1, 200, 3600);
        }

        public boolean enabled() {
            return z > 0;
        }
    }

    /**
     * @param minZ           a sensor contributes when it lies at least this many deviations from its training mean
     * @param max            contributors named at most
     * @param minRelativeStd floor of a feature's deviation, relative to its mean's magnitude, so that a
     *                       sensor that hardly moved in training does not look extreme for a tiny change
     */
    public record Contributions(double minZ, int max, double minRelativeStd) {
        public Contributions {
            if (minZ < 0 || max < 1 || minRelativeStd < 0) {
                throw new IllegalArgumentException("invalid contribution settings");
            }
        }

        public static Contributions defaults() {
            return new Contributions(2.0, 3, 0.01);
        }
    }

    /**
     * @param prototypeRules apply the prototype's absolute rules (temperature above 80 °C, …) first
     * @param actions        per {@code sensor.direction} (e.g. {@code temperature.above}) what to check
     */
    public record Recommendations(boolean prototypeRules, Map<String, String> actions) {
        public Recommendations {
            actions = Map.copyOf(actions);
        }

        public static Recommendations defaults() {
            final Map<String, String> a = new LinkedHashMap<>();
            a.put(key(Sensors.TEMPERATURE, Contributor.Direction.ABOVE), "check cooling and lubrication");
            a.put(key(Sensors.TEMPERATURE, Contributor.Direction.BELOW), "check the temperature sensor");
            a.put(key(Sensors.VIBRATION, Contributor.Direction.ABOVE), "check bearings, alignment and mounting");
            a.put(key(Sensors.VIBRATION, Contributor.Direction.BELOW), "check the vibration sensor");
            a.put(key(Sensors.CURRENT, Contributor.Direction.ABOVE), "check motor load and windings");
            a.put(key(Sensors.CURRENT, Contributor.Direction.BELOW), "check for dry running or a broken coupling");
            a.put(key(Sensors.PRESSURE, Contributor.Direction.ABOVE), "check for a blocked discharge line");
            a.put(key(Sensors.PRESSURE, Contributor.Direction.BELOW), "check for leaks, cavitation or a worn impeller");
            a.put(key(Sensors.RPM, Contributor.Direction.ABOVE), "check the speed controller");
            a.put(key(Sensors.RPM, Contributor.Direction.BELOW), "check the drive, belt and motor supply");
            return new Recommendations(true, a);
        }

        public static String key(final String sensor, final Contributor.Direction direction) {
            return sensor + '.' + direction.name().toLowerCase();
        }
    }

    /**
     * The drift signal: an exponentially weighted share of anomalous readings over about
     * {@code window} readings. When it stays at or above {@code rateFactor} × contamination while the
     * machine has no open alert above INFO, its normal has moved: a new model is trained on its next
     * N readings.
     *
     * @param enabled    whether drift retrains at all
     * @param window     readings the anomaly rate is averaged over, and the least readings between two drift retrains
     * @param rateFactor how many times the expected anomaly rate counts as drift
     */
    public record Drift(boolean enabled, int window, double rateFactor) {
        public Drift {
            if (window < 1 || rateFactor <= 1) {
                throw new IllegalArgumentException("drift window must be >= 1 and rateFactor > 1");
            }
        }

        /**
         * Off: with baseline features a moved operating point moves the baseline, and refreshes grow the
         * model's normal; the signal is for models of raw readings ({@link Learning#off()}).
         */
        public static Drift defaults() {
            return new Drift(false, 500, 2.5);
        }

        /** The signal as it is used with raw readings. */
        public static Drift on() {
            return new Drift(true, 500, 2.5);
        }
    }

    /**
     * What the forest sees, and how a machine's model grows with experience.
     *
     * @param baseline       time constant of each sensor's baseline, an exponentially weighted mean of
     *                       the machine's own readings; the forest learns and scores each reading's
     *                       deviation from it, so that the machine's slow changes of operating point
     *                       (a daily load cycle) move the baseline instead of raising anomalies.
     *                       {@link Duration#ZERO}: the forest sees the readings themselves
     * @param baselineFollow the largest deviation of a reading, in the model's deviations of that sensor,
     *                       that the baseline follows in full; a larger one counts as that large (a robust,
     *                       Huber-type update), so that a fault moves the baseline only slowly
     * @param refreshFactor  after a model is trained on n clean readings, the next one is trained when the
     *                       machine's clean readings (no alert open, none counting towards one) reach
     *                       refreshFactor × n; 0 = no refresh, the model stays until drift or a request
     * @param trainingSet    most readings a training set holds; beyond that, a uniform random sample of all
     *                       the clean readings offered since the set began
     * @param sampleEvery    every how many clean readings one is offered to the training set (1 = each):
     *                       neighbouring readings say nearly the same, and each reading taken into the set
     *                       writes one entry of the training store
     * @param refreshSpread  how far each machine's refresh points are spread, as a share of the readings
     *                       between two refreshes: the refresh due at refreshFactor × n comes, for each
     *                       machine and refresh its own, up to refreshSpread × (refreshFactor − 1) × n readings
     *                       later, so that machines that started together do not all train at once
     *                       (0 = exactly at refreshFactor × n)
     */
    public record Learning(Duration baseline, double baselineFollow, int refreshFactor, int trainingSet,
                           int sampleEvery, double refreshSpread) {
        public Learning {
            Objects.requireNonNull(baseline, "baseline");
            if (baseline.isNegative()) {
                throw new IllegalArgumentException("baseline must not be negative");
            }
            if (!(baselineFollow > 0)) {
                throw new IllegalArgumentException("baselineFollow must be positive, was " + baselineFollow);
            }
            if (refreshFactor != 0 && refreshFactor < 2) {
                throw new IllegalArgumentException("refreshFactor must be 0 (off) or at least 2, was " + refreshFactor);
            }
            if (trainingSet < 2) {
                throw new IllegalArgumentException("trainingSet must be at least 2, was " + trainingSet);
            }
            if (sampleEvery < 1) {
                throw new IllegalArgumentException("sampleEvery must be at least 1, was " + sampleEvery);
            }
            if (!(refreshSpread >= 0 && refreshSpread <= 1)) {
                throw new IllegalArgumentException("refreshSpread must be between 0 and 1, was " + refreshSpread);
            }
        }

        public static Learning defaults() {
            return new Learning(Duration.ofMinutes(10), 1.0, 2, 256, 1, 0.5);
        }

        /** The prototype's way: raw readings, one model until drift or a request. */
        public static Learning off() {
            return new Learning(Duration.ZERO, 1.0, 0, 256, 1, 0.5);
        }

        public boolean baselineEnabled() {
            return !baseline.isZero();
        }

        public boolean refreshEnabled() {
            return refreshFactor > 0;
        }

        public Learning withBaseline(final Duration value) {
            return new Learning(value, baselineFollow, refreshFactor, trainingSet, sampleEvery, refreshSpread);
        }

        public Learning withBaselineFollow(final double value) {
            return new Learning(baseline, value, refreshFactor, trainingSet, sampleEvery, refreshSpread);
        }

        public Learning withRefreshFactor(final int value) {
            return new Learning(baseline, baselineFollow, value, trainingSet, sampleEvery, refreshSpread);
        }

        public Learning withTrainingSet(final int value) {
            return new Learning(baseline, baselineFollow, refreshFactor, value, sampleEvery, refreshSpread);
        }

        public Learning withSampleEvery(final int value) {
            return new Learning(baseline, baselineFollow, refreshFactor, trainingSet, value, refreshSpread);
        }

        public Learning withRefreshSpread(final double value) {
            return new Learning(baseline, baselineFollow, refreshFactor, trainingSet, sampleEvery, value);
        }

        /**
         * The count of clean readings at which a machine refreshes the model it trained on {@code n}: its
         * own point between refreshFactor × n and refreshFactor × n + refreshSpread × (refreshFactor − 1) × n,
         * the same for the same machine, n and seed.
         */
        public long nextRefreshAt(final String machineId, final long n, final long seed) {
            final long due = n * refreshFactor;
            final long range = (long) Math.floor(refreshSpread * (refreshFactor - 1) * n);
            if (range <= 0) {
                return due;
            }
            final long mixed = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L
                    + machineId.hashCode() * 0xC2B2AE3D27D4EB4FL + n).nextLong(range + 1);
            return due + mixed;
        }
    }
}
