package dev.pdm.iiot.detector.evaluate;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.watch.WatchSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code evaluate}: replays labeled data through the detector's own scoring and alerting code, no
 * broker needed, and prints TP, FP, TN, FN, F1, FAR, MAR and the mean time to detect.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Scores labeled readings with the detector's code and prints its detection quality.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--skab", description = "A folder of SKAB CSV files (searched recursively)")
    Path skab;

    @Option(names = "--skab-train", defaultValue = "400",
            description = "SKAB protocol: rows of each file that train its model (default ${DEFAULT-VALUE})")
    int skabTrain;

    @Option(names = "--readings", description = "The simulator's readings, JSON Lines")
    Path readings;

    @Option(names = "--labels", description = "The simulator's fault episodes, JSON Lines")
    Path labels;

    @Option(names = "--samples", description = "Readings that train each machine's model (default 30)")
    Integer samples;

    @Option(names = "--contamination", description = "Share of training scores above the threshold (default 0.15)")
    Double contamination;

    @Option(names = "--raise-after", description = "Anomalies in a row that raise an alert (default 3)")
    Integer raiseAfter;

    @Option(names = "--raise-severity", description = "Least severity that counts towards an alert (default WARNING)")
    dev.pdm.iiot.events.model.Severity raiseSeverity;

    @Option(names = "--warning-margin", description = "Score above threshold of a WARNING (default 0.03)")
    Double warningMargin;

    @Option(names = "--critical-margin", description = "Score above threshold of a CRITICAL (default 0.08)")
    Double criticalMargin;

    @Option(names = "--warning-z",
            description = "A sensor this many deviations from its normal makes an anomaly a WARNING (default 4)")
    Double warningZ;

    @Option(names = "--critical-z", description = "... a CRITICAL (default 6)")
    Double criticalZ;

    @Option(names = "--sample-size-z", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Judge a sensor's distance with the size of the model's training set, Student's t"
                    + " (default on; off with --prototype-learning)")
    boolean sampleSizeZ;

    @Option(names = "--shift-z",
            description = "Level-shift chart: spreads of its own from which a sustained shift counts as a WARNING;"
                    + " 0 = off (default 5)")
    Double shiftZ;

    @Option(names = "--shift-smoothing",
            description = "Level-shift chart: weight of a new reading (default 0.1)")
    Double shiftSmoothing;

    @Option(names = "--clear-after", description = "Normal readings in a row that clear it (default 10)")
    Integer clearAfter;

    @Option(names = "--clear-quiet", converter = DurationConverter.class,
            description = "... spanning at least this long since its last anomalous reading (default 30s, 0s = off)")
    Duration clearQuiet;

    @Option(names = "--window", description = "Readings averaged into each feature (default 1)")
    Integer window;

    @Option(names = "--trees", description = "Trees per forest (default 100)")
    Integer trees;

    @Option(names = "--max-samples", description = "Readings each tree is grown on, at most (default 256)")
    Integer maxSamples;

    @Option(names = "--extension-level", description = "0 = classic Isolation Forest (default 0)")
    Integer extensionLevel;

    @Option(names = "--seed", description = "Base of the per-machine random seed (default 42)")
    Long seed;

    @Option(names = "--baseline", converter = DurationConverter.class,
            description = "Time constant of the sensors' baselines, e.g. 10m; 0 = the raw readings (default 10m)")
    java.time.Duration baseline;

    @Option(names = "--baseline-follow",
            description = "Largest deviation, in model deviations, the baseline follows in full (default 1)")
    Double baselineFollow;

    @Option(names = "--refresh-factor",
            description = "A new model each time the clean readings grow by this factor; 0 = never (default 2)")
    Integer refreshFactor;

    @Option(names = "--refresh-spread",
            description = "How far each machine's refresh points are spread, 0 to 1 (default: the detector's).")
    Double refreshSpread;

    @Option(names = "--training-set", description = "Most readings a training set holds (default 256)")
    Integer trainingSet;

    @Option(names = "--sample-every", description = "One clean reading in this many is offered to the training set (default 1)")
    Integer sampleEvery;

    @Option(names = "--severity", description = "SENSORS, RELATIVE or PROTOTYPE (default SENSORS)")
    DetectorSettings.SeverityMode severity;

    @Option(names = "--prototype-learning",
            description = "Without baselines and refreshes: raw readings, one model per machine, drift retraining, "
                    + "severity RELATIVE with warning z 3")
    boolean prototypeLearning;

    @Option(names = "--drift", negatable = true,
            description = "Retrain on drift (default off; on with --prototype-learning; the SKAB protocol always trains once)")
    Boolean drift;

    @Option(names = "--per-series", description = "Also print one line per file (SKAB)")
    boolean perSeries;

    @Option(names = "--episodes",
            description = "Also print every labeled episode and when each alert type first saw it (with the share of"
                    + " its development, for a fault that states one)")
    boolean episodeLines;

    @Option(names = "--forest-only",
            description = "Only the Isolation Forest's anomaly alerts: no trend, peer, stuck, silence or dropout watch")
    boolean forestOnly;

    @Option(names = "--trend-reference", converter = DurationConverter.class,
            description = "Healthy time the trend watch learns before it judges (default 2h)")
    java.time.Duration trendReference;

    @Option(names = "--trend-z", description = "Residual, in reference deviations, that counts towards a degradation (default 4)")
    Double trendZ;

    @Option(names = "--trend-sustain", converter = DurationConverter.class,
            description = "How long a residual must stay beyond --trend-z before a degradation is raised (default 15m)")
    java.time.Duration trendSustain;

    @Option(names = "--trend-level", converter = DurationConverter.class,
            description = "Time constant of the trend watch's slow levels (default 30m)")
    java.time.Duration trendLevel;

    @Option(names = "--trend-min-change",
            description = "Smallest level change that counts, as a share of the level (default 0.005)")
    Double trendMinChange;

    @Option(names = "--trend-thermal-level", converter = DurationConverter.class,
            description = "Time constant of the temperature's level judged against the lagged heat of the current (default 10m)")
    java.time.Duration trendThermalLevel;

    @Option(names = "--trend-thermal-lag", converter = DurationConverter.class,
            description = "The heat of the current is seen through first-order lags of this and twice this (default 10m)")
    java.time.Duration trendThermalLag;

    @Option(names = "--trend-thermal-min-change",
            description = "The least deviation of temperature's expectation from the heat, as a share of its level (default 0.0025)")
    Double trendThermalMinChange;

    @Option(names = "--trend-heating", negatable = true,
            description = "Temperature expected from the heat of the current, when there are both (default on)")
    Boolean trendHeating;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String... args) {
        System.exit(new CommandLine(new EvaluateCommand()).execute(args));
    }

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        if (skab == null && readings == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --skab DIR or --readings FILE --labels FILE");
        }
        if (readings != null && labels == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--readings needs --labels");
        }
        final DetectorSettings settings = settings();
        if (skab != null) {
            final List<Series> series = SkabReader.folder(skab, skabTrain);
            out.printf(Locale.ROOT, "SKAB %s: %d files, trained once on the first %d rows of each (no drift retraining,"
                    + " no refreshes), tested on the rest%n", skab, series.size(), skabTrain);
            report(out, series, settings.withTraining(settings.training().withSamples(skabTrain))
                    .withDrift(new DetectorSettings.Drift(false, 500, 2.5))
                    .withLearning(settings.learning().withRefreshFactor(0)), false);
            out.println("published (all 34 SKAB files): Isolation forest F1 0.29, FAR 2.56 %, MAR 82.89 %;"
                    + " best (Conv-AE) F1 0.78, FAR 13.55 %, MAR 28.02 %");
        }
        if (readings != null) {
            final List<Series> series = JsonlReader.read(readings, labels, settings.features(),
                    settings.training().samples());
            out.printf(Locale.ROOT, "simulator %s: %d machines, each trained on its first %d readings%n",
                    readings.getFileName(), series.size(), settings.training().samples());
            report(out, series, settings, true);
        }
        out.flush();
        return 0;
    }

    /**
     * @param fleet whether the series are one plant, replayed together (peers, a shared clock), or
     *              independent recordings, replayed one by one
     */
    private void report(final PrintWriter out, final List<Series> series, final DetectorSettings settings,
                        final boolean fleet) {
        final List<Replay.Result> results = new ArrayList<>();
        if (perSeries) {
            out.println(Confusion.header());
        }
        if (fleet) {
            results.add(Replay.fleet(series, settings));
        } else {
            for (final Series s : series) {
                final Replay.Result r = Replay.run(s, settings);
                results.add(r);
                if (perSeries) {
                    out.println(r.alerts().row(s.name() + " alert"));
                }
            }
        }
        final Confusion points = new Confusion();
        final Confusion alerts = new Confusion();
        final Map<String, Confusion> byType = new TreeMap<>();
        final Map<String, Integer> raisedByType = new TreeMap<>();
        final Map<String, Integer> awayByType = new TreeMap<>();
        int raised = 0;
        int outside = 0;
        int away = 0;
        int retrains = 0;
        int refreshes = 0;
        long writes = 0;
        long scored = 0;
        int rejected = 0;
        double days = 0;
        for (final Replay.Result r : results) {
            points.addAll(r.points());
            alerts.addAll(r.alerts());
            r.byType().forEach((type, c) -> byType.computeIfAbsent(type, t -> new Confusion()).addAll(c));
            r.raisedByType().forEach((type, n) -> raisedByType.merge(type, n, Integer::sum));
            r.awayByType().forEach((type, n) -> awayByType.merge(type, n, Integer::sum));
            raised += r.alertsRaised();
            outside += r.alertsOutsideFaults();
            away += r.alertsAwayFromFaults();
            retrains += r.retrains();
            refreshes += r.refreshes();
            writes += r.trainingWrites();
            rejected += r.rejected();
            days += r.machineDays();
        }
        for (final Series s : series) {
            scored += s.readings().size();
        }
        scored -= rejected;
        if (episodeLines) {
            out.println("episodes, and when each alert type was first open in them:");
            for (final Replay.Result r : results) {
                r.episodes().forEach(e -> out.println("  " + episodeLine(e)));
            }
        }
        out.println(Confusion.header());
        out.println(points.row("point: score > threshold"));
        out.println(alerts.row("alert open (any type)"));
        byType.forEach((type, c) -> {
            if (raisedByType.containsKey(type)) {
                out.println(c.row("  " + type + " open"));
            }
        });
        out.println("episodes detected (an alert of any type open), mean and median time to detect in s, per fault type:");
        alerts.byFault().forEach((fault, c) -> out.println("  " + c.episodeRow(fault)));
        byType.forEach((type, c) -> {
            if (!raisedByType.containsKey(type)) {
                return;
            }
            out.println("  by " + type + " alerts alone:");
            c.byFault().forEach((fault, f) -> {
                if (f.detected() > 0) {
                    out.println("    " + f.episodeRow(fault));
                }
            });
        });
        out.printf(Locale.ROOT, "alerts raised: %d %s; at a reading outside any labeled fault: %d, of them more than %d min"
                        + " after the machine's last fault: %d %s%n", raised, raisedByType, outside,
                Replay.AFTERMATH.toMinutes(), away, awayByType);
        out.printf(Locale.ROOT, "false alerts (raised away from any fault) per machine-day: %.2f over %.1f machine-days%n",
                days == 0 ? 0.0 : away / days, days);
        final DetectorSettings.Learning l = settings.learning();
        out.printf(Locale.ROOT, "drift retrains: %d, refreshes: %d, training-set writes: %d (%.1f %% of readings),"
                + " readings lacking a feature (dead-letter, not scored): %d%n", retrains, refreshes, writes,
                scored == 0 ? 0.0 : 100.0 * writes / scored, rejected);
        final DetectorSettings.Training t = settings.training();
        final DetectorSettings.Alerting a = settings.alerting();
        out.printf(Locale.ROOT, "settings: N %d, %d trees of at most %d readings, extension level %d, seed %d, contamination %.3f,"
                        + " window %d, baseline %s (follows %.1f"
                        + " deviations), refresh factor %d (spread %.2f), training set %d, sample every %d; raise after %d %s+, clear after %d and %.0f s,"
                        + " severity %s (z %.1f/%.1f%s, margins %.3f/%.3f), shift chart %s; drift %s%n",
                t.samples(), t.trees(), t.maxSamples(), t.extensionLevel(), t.seed(), t.contamination(), t.window(),
                settings.learning().baselineEnabled() ? settings.learning().baseline() : "off",
                settings.learning().baselineFollow(), settings.learning().refreshFactor(), settings.learning().refreshSpread(),
                settings.learning().trainingSet(),
                settings.learning().sampleEvery(),
                a.raiseAfter(), a.raiseSeverity(), a.clearAfter(), a.clearQuiet().toMillis() / 1000.0,
                a.severityMode(), a.warningZ(), a.criticalZ(),
                a.sampleSizeZ() ? " for the training set's size" : "", a.warningMargin(), a.criticalMargin(),
                a.shift().enabled() && settings.learning().baselineEnabled()
                        ? String.format(Locale.ROOT, "z %.1f, smoothing %.2f", a.shift().z(), a.shift().smoothing())
                        : "off",
                settings.drift().enabled() ? "on" : "off");
    }

    /** {@code MACHINE_006 SLOW_DEGRADATION (mix=COOLING,development=24h) from 2025-…: ANOMALY 4.6 h (19 %), DEGRADATION –, …}. */
    static String episodeLine(final Replay.EpisodeOutcome e) {
        final StringBuilder b = new StringBuilder(e.series()).append(' ').append(e.episode().fault());
        if (e.episode().detail() != null) {
            b.append(" (").append(e.episode().detail()).append(')');
        }
        b.append(" from ").append(e.start()).append(':');
        for (final String type : Replay.TYPES) {
            final Duration d = e.firstByType().get(type);
            if (d == null) {
                continue;
            }
            b.append(' ').append(type).append(' ');
            b.append(d.toSeconds() < 3600 ? String.format(Locale.ROOT, "%d s", d.toSeconds())
                    : String.format(Locale.ROOT, "%.1f h", d.toSeconds() / 3600.0));
            final Double share = e.episode().shareAfter(d);
            if (share != null) {
                b.append(String.format(Locale.ROOT, " (%.0f %%)", 100 * share));
            }
            b.append(';');
        }
        if (e.firstByType().isEmpty()) {
            b.append(" not alerted");
        } else {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    private DetectorSettings settings() {
        final DetectorSettings base = prototypeLearning ? prototype() : DetectorSettings.defaults();
        DetectorSettings.Training t = base.training();
        if (samples != null) {
            t = t.withSamples(samples);
        }
        if (contamination != null) {
            t = t.withContamination(contamination);
        }
        if (window != null) {
            t = t.withWindow(window);
        }
        if (trees != null) {
            t = t.withTrees(trees);
        }
        if (maxSamples != null) {
            t = t.withMaxSamples(maxSamples);
        }
        if (extensionLevel != null) {
            t = t.withExtensionLevel(extensionLevel);
        }
        if (seed != null) {
            t = t.withSeed(seed);
        }
        DetectorSettings.Alerting a = base.alerting();
        if (raiseAfter != null) {
            a = a.withRaiseAfter(raiseAfter);
        }
        if (clearQuiet != null) {
            a = a.withClearQuiet(clearQuiet);
        }
        if (clearAfter != null) {
            a = a.withClearAfter(clearAfter);
        }
        if (raiseSeverity != null) {
            a = a.withRaiseSeverity(raiseSeverity);
        }
        if (severity != null) {
            a = a.withSeverityMode(severity);
        }
        if (warningMargin != null || criticalMargin != null) {
            a = a.withMargins(warningMargin == null ? a.warningMargin() : warningMargin,
                    criticalMargin == null ? Math.max(a.criticalMargin(), warningMargin) : criticalMargin);
        }
        if (warningZ != null || criticalZ != null) {
            a = a.withZ(warningZ == null ? a.warningZ() : warningZ,
                    criticalZ == null ? Math.max(a.criticalZ(), warningZ) : criticalZ);
        }
        if (!sampleSizeZ || prototypeLearning) {
            a = a.withSampleSizeZ(false);
        }
        if (shiftZ != null || shiftSmoothing != null) {
            final DetectorSettings.Shift sh = a.shift();
            a = a.withShift(new DetectorSettings.Shift(shiftZ == null ? sh.z() : shiftZ,
                    shiftSmoothing == null ? sh.smoothing() : shiftSmoothing, sh.warmup(), sh.memory()));
        }
        DetectorSettings.Learning l = base.learning();
        if (baseline != null) {
            l = l.withBaseline(baseline);
        }
        if (baselineFollow != null) {
            l = l.withBaselineFollow(baselineFollow);
        }
        if (refreshSpread != null) {
            l = l.withRefreshSpread(refreshSpread);
        }
        if (refreshFactor != null) {
            l = l.withRefreshFactor(refreshFactor);
        }
        if (trainingSet != null) {
            l = l.withTrainingSet(trainingSet);
        }
        if (sampleEvery != null) {
            l = l.withSampleEvery(sampleEvery);
        }
        final DetectorSettings.Drift d = drift == null ? base.drift()
                : new DetectorSettings.Drift(drift, base.drift().window(), base.drift().rateFactor());
        WatchSettings w = forestOnly ? WatchSettings.off() : base.watches();
        if (trendReference != null) {
            w = w.withTrend(w.trend().withReference(trendReference));
        }
        if (trendZ != null) {
            w = w.withTrend(w.trend().withAlertZ(trendZ));
        }
        if (trendSustain != null) {
            w = w.withTrend(w.trend().withSustain(trendSustain));
        }
        if (trendLevel != null) {
            w = w.withTrend(w.trend().withLevel(trendLevel));
        }
        if (trendMinChange != null) {
            w = w.withTrend(w.trend().withMinChange(trendMinChange));
        }
        if (trendThermalLevel != null) {
            w = w.withTrend(w.trend().withThermalLevel(trendThermalLevel));
        }
        if (trendThermalLag != null) {
            w = w.withTrend(w.trend().withThermalLag(trendThermalLag));
        }
        if (trendThermalMinChange != null) {
            w = w.withTrend(w.trend().withThermalMinChange(trendThermalMinChange));
        }
        if (trendHeating != null) {
            w = w.withTrend(w.trend().withHeating(trendHeating));
        }
        return base.withTraining(t).withAlerting(a).withLearning(l).withDrift(d).withWatches(w);
    }

    /**
     * The detector as it was before baselines and refreshes, and before watches other than the forest:
     * its figures are the "before" rows of docs/DETECTION.md.
     */
    static DetectorSettings prototype() {
        final DetectorSettings d = DetectorSettings.defaults();
        return d.withLearning(DetectorSettings.Learning.off()).withDrift(DetectorSettings.Drift.on())
                .withAlerting(d.alerting().withSeverityMode(DetectorSettings.SeverityMode.RELATIVE).withZ(3.0, 6.0))
                .withWatches(WatchSettings.off());
    }
}
