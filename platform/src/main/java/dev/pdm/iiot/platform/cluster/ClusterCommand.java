package dev.pdm.iiot.platform.cluster;

import dev.pdm.iiot.platform.PlatformMain;
import dev.pdm.iiot.platform.security.PlatformSecurity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ./run cluster}: the platform as a cluster of processes on this machine, until Ctrl-C. */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the platform as a cluster of processes on this machine: 3 Kafka nodes (replication",
                "factor 3, min.insync.replicas 2), 2 HiveMQ CE nodes with the Kafka bridge, detectors of one",
                "Kafka Streams application, a Connect worker with an alert sink per MQTT node and the history",
                "sinks, PostgreSQL, the dashboard and the notifier, and a simulated plant failing over between the",
                "MQTT nodes. Each start makes a new cluster in a new folder. Ctrl-C stops it."})
public final class ClusterCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "A new folder per start is made in it (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("data", "cluster");

    @Option(names = "--apps-dir", description = "The source tree's root with the packaged apps (default: .).")
    Path appsDir = Path.of(".");

    @Option(names = "--detectors", description = "Detector instances (default: ${DEFAULT-VALUE}).")
    int detectors = 2;

    @Option(names = "--machines", description = "Simulated machines; 0 for none (default: ${DEFAULT-VALUE}).")
    int machines = 6;

    @Option(names = "--interval", converter = PlatformMain.DurationConverter.class,
            description = "Time between two readings of one machine (default: 1s).")
    Duration interval = Duration.ofSeconds(1);

    @Option(names = "--faults-per-hour", description = "Fault episodes per machine and hour (default: ${DEFAULT-VALUE}).")
    double faultsPerHour = 4;

    @Option(names = "--mqtt-ports", split = ",", description = "The MQTT nodes' ports (default: 1883,1884).")
    List<Integer> mqttPorts = List.of(1883, 1884);

    @Option(names = "--dashboard-port", description = "(default: ${DEFAULT-VALUE})")
    int dashboardPort = 8080;

    @Option(names = "--detector-port", description = "The first detector's REST API (default: ${DEFAULT-VALUE}).")
    int detectorPort = 8081;

    @Option(names = "--notifier-port", description = "(default: ${DEFAULT-VALUE})")
    int notifierPort = 8082;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        final Path run = dataDir.resolve("run-" + Instant.now().getEpochSecond());
        final ClusterSettings defaults = ClusterSettings.defaults(run, appsDir);
        final ClusterSettings settings = new ClusterSettings(run, appsDir, defaults.kafkaNodes(), mqttPorts.size(),
                detectors, mqttPorts, dashboardPort, detectorPort, notifierPort, defaults.appJvmOptions(),
                defaults.memberTimeout());
        final PlatformCluster cluster = PlatformCluster.start(settings);
        final ClusterPlant plant = machines == 0 ? null : ClusterPlant.start(cluster, machines, interval,
                faultsPerHour, System.currentTimeMillis(), run.resolve("labels.jsonl"), (topic, payload) -> { });
        final CountDownLatch stopped = new CountDownLatch(1);
        final PrintWriter out = spec.commandLine().getOut();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping...");
            out.flush();
            if (plant != null) {
                plant.close();
            }
            cluster.close();
            stopped.countDown();
        }, "cluster-shutdown"));
        out.println(String.join(System.lineSeparator(), List.of("", "The cluster is running.",
                "  dashboard       " + cluster.dashboardUrl(),
                "  detector REST   " + cluster.detectorUrl(1) + "machines (merged over all " + detectors
                        + " instances)",
                "  MQTT nodes      " + String.join(", ", cluster.mqttUris()),
                "  Kafka           " + cluster.bootstrapServers(),
                "  Kafka Connect   " + cluster.connectUrl() + "/connectors",
                "  data and logs   " + run.toAbsolutePath().normalize(),
                "  Sign in with an account of " + cluster.secrets().peopleFile().toAbsolutePath().normalize()
                        + cluster.secrets().firstAdminPassword().map(password -> " (" + PlatformSecurity.ADMIN
                        + ", password " + password + ", shown once)").orElse(""),
                "Kill any part with kill -9 <pid> (ps shows them); ./run chaos does it on a schedule and checks the result.",
                "Press Ctrl-C to stop.", "")));
        out.flush();
        stopped.await();
        return 0;
    }
}
