package dev.pdm.iiot.detector.evaluate;

import dev.pdm.iiot.detector.model.DetectorSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--clear-after", description = "Normal readings in a row that clear it (default 10)")
    Integer clearAfter;

    @Option(names = "--window", description = "Readings averaged into each feature (default 1)")
    Integer window;

    @Option(names = "--trees", description = "Trees per forest (default 100)")
    Integer trees;

    @Option(names = "--extension-level", description = "0 = classic Isolation Forest (default 0)")
    Integer extensionLevel;

    @Option(names = "--drift", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Retrain on drift (the simulator run; the SKAB protocol always trains once)")
    boolean drift;

    @Option(names = "--per-series", description = "Also print one line per file or machine")
    boolean perSeries;

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
            out.printf(Locale.ROOT, "SKAB %s: %d files, trained on the first %d rows of each, tested on the rest%n",
                    skab, series.size(), skabTrain);
            report(out, series, settings.withDrift(new DetectorSettings.Drift(false, 500, 2.5)));
            out.println("published (all 34 SKAB files): Isolation forest F1 0.29, FAR 2.56 %, MAR 82.89 %;"
                    + " best (Conv-AE) F1 0.78, FAR 13.55 %, MAR 28.02 %");
        }
        if (readings != null) {
            final List<Series> series = JsonlReader.read(readings, labels, settings.features(),
                    settings.training().samples());
            out.printf(Locale.ROOT, "simulator %s: %d machines, each trained on its first %d readings%n",
                    readings.getFileName(), series.size(), settings.training().samples());
            report(out, series, drift ? settings
                    : settings.withDrift(new DetectorSettings.Drift(false, 500, 2.5)));
        }
        out.flush();
        return 0;
    }

    private void report(final PrintWriter out, final List<Series> series, final DetectorSettings settings) {
        final Confusion points = new Confusion();
        final Confusion alerts = new Confusion();
        int raised = 0;
        int retrains = 0;
        int rejected = 0;
        if (perSeries) {
            out.println(Confusion.header());
        }
        for (final Series s : series) {
            final Replay.Result r = Replay.run(s, settings);
            points.addAll(r.points());
            alerts.addAll(r.alerts());
            raised += r.alertsRaised();
            retrains += r.retrains();
            rejected += r.rejected();
            if (perSeries) {
                out.println(r.alerts().row(s.name() + " alert"));
            }
        }
        out.println(Confusion.header());
        out.println(points.row("point: score > threshold"));
        out.println(alerts.row("alert open"));
        out.printf(Locale.ROOT, "alerts raised: %d, drift retrains: %d, readings lacking a feature (dead-letter, not"
                        + " scored): %d; settings: contamination %.3f, %d trees,"
                        + " raise after %d %s+ (margins %.3f/%.3f), clear after %d, window %d%n", raised, retrains, rejected,
                settings.training().contamination(), settings.training().trees(), settings.alerting().raiseAfter(),
                settings.alerting().raiseSeverity(), settings.alerting().warningMargin(),
                settings.alerting().criticalMargin(), settings.alerting().clearAfter(), settings.training().window());
    }

    private DetectorSettings settings() {
        DetectorSettings.Training t = DetectorSettings.Training.defaults();
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
        if (extensionLevel != null) {
            t = t.withExtensionLevel(extensionLevel);
        }
        DetectorSettings.Alerting a = DetectorSettings.Alerting.defaults();
        if (raiseAfter != null) {
            a = a.withRaiseAfter(raiseAfter);
        }
        if (clearAfter != null) {
            a = a.withClearAfter(clearAfter);
        }
        if (raiseSeverity != null) {
            a = a.withRaiseSeverity(raiseSeverity);
        }
        if (warningMargin != null || criticalMargin != null) {
            a = a.withMargins(warningMargin == null ? a.warningMargin() : warningMargin,
                    criticalMargin == null ? Math.max(a.criticalMargin(), warningMargin) : criticalMargin);
        }
        return DetectorSettings.defaults().withTraining(t).withAlerting(a);
    }
}
