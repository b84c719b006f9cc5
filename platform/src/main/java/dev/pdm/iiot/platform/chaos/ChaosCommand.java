package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.platform.PlatformMain;
import dev.pdm.iiot.platform.cluster.ClusterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./run chaos}: a chaos run on a new cluster; exits 1 if anything was lost or duplicated. */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the platform as a cluster of processes (3 Kafka nodes, 2 HiveMQ nodes, detectors, Connect,",
                "the dashboard, the notifier) under a simulated plant, kills its parts with SIGKILL in turn and",
                "restarts them, then checks from Kafka that no acknowledged reading was lost and none was scored",
                "or alerted twice. Writes a Markdown report; exits 1 if a fault was not survived or the audit failed."})
public final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "A new folder per run is made in it (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("data", "chaos");

    @Option(names = "--apps-dir", description = "The source tree's root with the packaged apps (default: .).")
    Path appsDir = Path.of(".");

    @Option(names = "--machines", description = "Simulated machines (default: ${DEFAULT-VALUE}).")
    int machines = 2_000;

    @Option(names = "--rate", description = "Readings per second over all machines (default: ${DEFAULT-VALUE}; with "
            + "every part on one 2-core machine, about 100 keep the parts ahead of the plant, docs/RELIABILITY.md).")
    double rate = 2_000;

    @Option(names = "--faults-per-hour", description = "Fault episodes per machine and hour (default: ${DEFAULT-VALUE}).")
    double faultsPerHour = 1;

    @Option(names = "--rounds", description = "Rounds of faults, each killing every part in turn and then a Kafka "
            + "node with a detector: 11 faults a round (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--short", description = "One kill of each kind instead of rounds.")
    boolean oneOfEach;

    @Option(names = "--detectors", description = "Detector instances (default: ${DEFAULT-VALUE}).")
    int detectors = 2;

    @Option(names = "--spacing", converter = PlatformMain.DurationConverter.class,
            description = "Least time between two kills (default: 30s).")
    Duration spacing = Duration.ofSeconds(30);

    @Option(names = "--warm-up", converter = PlatformMain.DurationConverter.class,
            description = "How long the plant runs before the first kill (default: 60s).")
    Duration warmUp = Duration.ofSeconds(60);

    @Option(names = "--recovery-timeout", converter = PlatformMain.DurationConverter.class,
            description = "A fault not recovered from in this time counts as not survived (default: 3m).")
    Duration recoveryTimeout = Duration.ofMinutes(3);

    @Option(names = "--only", split = ",", paramLabel = "KIND",
            description = "Only the faults of these kinds, in their order in the rounds: kafka, mqtt, detector, "
                    + "detector-rebalance (with the detector fault that starts the rebalance), connect, dashboard, "
                    + "notifier, kafka+detector. Default: all.")
    List<String> only = List.of();

    @Option(names = "--seed", description = "The simulator's seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final Path run = dataDir.resolve("run-" + Instant.now().getEpochSecond());
        final ClusterSettings defaults = ClusterSettings.defaults(run, appsDir);
        final ClusterSettings cluster = new ClusterSettings(run, appsDir, defaults.kafkaNodes(), defaults.mqttNodes(),
                detectors, List.of(), 0, 0, 0, defaults.appJvmOptions(), defaults.memberTimeout());
        final List<Fault> scheduled = oneOfEach
                ? ChaosSchedule.oneOfEachKind(cluster.kafkaNodes(), cluster.mqttNodes(), detectors)
                : ChaosSchedule.rounds(rounds, cluster.kafkaNodes(), cluster.mqttNodes(), detectors);
        final List<Fault> faults;
        try {
            faults = only.isEmpty() ? scheduled : ChaosSchedule.only(scheduled, only);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--only: " + e.getMessage());
        }
        if (faults.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--only " + String.join(",", only)
                    + " leaves no fault of the schedule (a single detector is never killed during a rebalance)");
        }
        final ChaosReport report = ChaosRun.run(cluster, new ChaosSettings(machines, rate, faultsPerHour, faults,
                spacing, warmUp, recoveryTimeout, seed));
        final Path file = run.resolve("report.md");
        try {
            Files.writeString(file, report.toMarkdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.println(report.toMarkdown());
        out.println("Report: " + file.toAbsolutePath().normalize() + "; logs of every part in " + run.resolve("logs"));
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
