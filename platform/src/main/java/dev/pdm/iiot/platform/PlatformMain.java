package dev.pdm.iiot.platform;

import dev.pdm.iiot.simulator.core.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar platform/target/iiot-pdm-platform.jar}: the whole platform until Ctrl-C. */
@Command(name = "platform", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the whole platform without Docker: Kafka, HiveMQ CE and Kafka Connect in this JVM,",
                "the detector and the dashboard as processes of their own, and a simulated plant.",
                "Ctrl-C stops it; the data folder keeps everything for the next start."})
public final class PlatformMain implements Callable<Integer> {

    private final PlatformSettings defaults = PlatformSettings.defaults();

    @Option(names = "--data-dir", description = "Everything the platform keeps (default: ${DEFAULT-VALUE}).")
    Path dataDir = defaults.dataDir();

    @Option(names = "--apps-dir", description = "The folder holding streams-detector/ and dashboard-quarkus/ with "
            + "their packaged apps (default: the current folder).")
    Path appsDir = defaults.appsDir();

    @Option(names = "--machines", description = "Simulated machines; 0 for none (default: ${DEFAULT-VALUE}).")
    int machines = defaults.machines();

    @Option(names = "--interval", description = "Time between two readings of one machine (default: ${DEFAULT-VALUE}).",
            converter = DurationConverter.class)
    Duration interval = defaults.interval();

    @Option(names = "--faults-per-hour", description = "Random fault episodes per machine and hour "
            + "(default: ${DEFAULT-VALUE}).")
    double faultsPerHour = defaults.faultsPerHour();

    @Option(names = "--seed", description = "The simulator's seed (default: the current time).")
    Long seed;

    @Option(names = "--kafka-port", description = "(default: ${DEFAULT-VALUE})")
    int kafkaPort = defaults.kafkaPort();

    @Option(names = "--mqtt-port", description = "(default: ${DEFAULT-VALUE})")
    int mqttPort = defaults.mqttPort();

    @Option(names = "--connect-port", description = "(default: ${DEFAULT-VALUE})")
    int connectPort = defaults.connectPort();

    @Option(names = "--detector-port", description = "(default: ${DEFAULT-VALUE})")
    int detectorPort = defaults.detectorPort();

    @Option(names = "--dashboard-port", description = "(default: ${DEFAULT-VALUE})")
    int dashboardPort = defaults.dashboardPort();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new PlatformMain()).execute(args));
    }

    PlatformSettings settings() {
        return new PlatformSettings(dataDir, appsDir, kafkaPort, defaults.controllerPort(), mqttPort, connectPort,
                detectorPort, dashboardPort, machines, interval, faultsPerHour, defaults.faultDuration(),
                seed != null ? seed : defaults.seed(), defaults.appJvmOptions());
    }

    @Override
    public Integer call() throws InterruptedException {
        final PlatformSettings settings = settings();
        final PrintWriter out = spec.commandLine().getOut();
        final Platform platform = Platform.start(settings);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping...");
            out.flush();
            platform.close();
            stopped.countDown();
        }, "platform-shutdown"));
        out.println(banner(platform));
        out.flush();
        stopped.await();
        return 0;
    }

    static String banner(final Platform platform) {
        final PlatformSettings s = platform.settings();
        return String.join(System.lineSeparator(), List.of(
                "",
                "The platform is running.",
                "  dashboard       " + s.dashboardUrl(),
                "  detector REST   " + s.detectorUrl() + "/machines   (API: " + s.detectorUrl() + "/q/swagger-ui)",
                "  MQTT            " + platform.mqttUri() + "   (readings on factory/machines/{id}/sensors)",
                "  Kafka           " + platform.bootstrapServers(),
                "  Kafka Connect   " + platform.connectUrl() + "/connectors",
                "  data            " + s.dataDir().toAbsolutePath().normalize() + "   (logs in logs/)",
                "Press Ctrl-C to stop; the next start resumes from the data folder.",
                ""));
    }

    /** Durations as the simulator reads them: {@code 3s}, {@code 500ms}, {@code 2m}, … */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(final String value) {
            return Durations.parse(value);
        }
    }
}
