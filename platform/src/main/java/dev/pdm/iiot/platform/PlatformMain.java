package dev.pdm.iiot.platform;

import dev.pdm.iiot.platform.chaos.ChaosCommand;
import dev.pdm.iiot.platform.cluster.ClusterCommand;
import dev.pdm.iiot.platform.security.ComposeSecretsCommand;
import dev.pdm.iiot.platform.security.PlatformSecrets;
import dev.pdm.iiot.platform.security.PlatformSecurity;
import dev.pdm.iiot.security.cli.CredentialsCommand;
import dev.pdm.iiot.simulator.core.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar platform/target/iiot-pdm-platform.jar}: the whole platform until Ctrl-C. */
@Command(name = "platform", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the whole platform without Docker: Kafka, HiveMQ CE and Kafka Connect in this JVM,",
                "the history database (PostgreSQL), the detector, the dashboard and the notifier as",
                "processes of their own, and a simulated plant.",
                "Ctrl-C stops it; the data folder keeps everything for the next start.",
                "Subcommands: credentials (MQTT devices and people: add, passwd, remove, list),",
                "compose-secrets (the secrets docker compose reads), cluster (the platform as a cluster of",
                "processes), chaos (kill its parts in turn and check that nothing was lost)."})
public final class PlatformMain implements Callable<Integer> {

    private final PlatformSettings defaults = PlatformSettings.defaults();

    @Option(names = "--data-dir", description = "Everything the platform keeps (default: ${DEFAULT-VALUE}).")
    Path dataDir = defaults.dataDir();

    @Option(names = "--apps-dir", description = "The source tree's root: streams-detector/, dashboard-quarkus/ and "
            + "notifier/ with their packaged apps, platform/target/connect-plugins (default: the current folder).")
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

    @Option(names = "--infra-only", description = "Run the brokers, the database, the connectors and the simulator "
            + "only, not the detector, the dashboard and the notifier (start those in Quarkus dev mode).")
    boolean infraOnly;

    @Option(names = "--bridge", converter = BridgeConverter.class,
            description = "How readings get from MQTT into Kafka: hivemq (the extension in the broker, which "
                    + "acknowledges a reading once Kafka stored it) or connect (the Kafka Connect MQTT source, as for a "
                    + "broker the platform does not run) (default: hivemq).")
    Bridge bridge = defaults.bridge();

    @Option(names = "--kafka-port", description = "(default: ${DEFAULT-VALUE})")
    int kafkaPort = defaults.kafkaPort();

    @Option(names = "--mqtt-port", description = "(default: ${DEFAULT-VALUE})")
    int mqttPort = defaults.mqttPort();

    @Option(names = "--mqtt-tls-port", description = "MQTT over TLS (default: ${DEFAULT-VALUE})")
    int mqttTlsPort = defaults.mqttTlsPort();

    @Option(names = "--allow-anonymous-readings", description = "Let MQTT clients without credentials publish "
            + "readings (and nothing else), for devices that cannot be given any. Off by default.")
    boolean anonymousReadings;

    @Option(names = "--connect-port", description = "(default: ${DEFAULT-VALUE})")
    int connectPort = defaults.connectPort();

    @Option(names = "--detector-port", description = "(default: ${DEFAULT-VALUE})")
    int detectorPort = defaults.detectorPort();

    @Option(names = "--dashboard-port", description = "(default: ${DEFAULT-VALUE})")
    int dashboardPort = defaults.dashboardPort();

    @Option(names = "--detector-management-port", description = "The detector's health and metrics "
            + "(default: ${DEFAULT-VALUE})")
    int detectorManagementPort = defaults.detectorManagementPort();

    @Option(names = "--dashboard-management-port", description = "The dashboard's health (default: ${DEFAULT-VALUE})")
    int dashboardManagementPort = defaults.dashboardManagementPort();

    @Option(names = "--notifier-port", description = "(default: ${DEFAULT-VALUE})")
    int notifierPort = defaults.notifierPort();

    @Option(names = "--notifier-management-port", description = "The notifier's health and metrics "
            + "(default: ${DEFAULT-VALUE})")
    int notifierManagementPort = defaults.notifierManagementPort();

    @Option(names = "--postgres-port", description = "The history database, on loopback (default: ${DEFAULT-VALUE})")
    int postgresPort = defaults.postgresPort();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Its own logging configuration: HiveMQ's jar carries a logback.xml of its own. */
    private static final String LOGBACK_CONFIG = "platform-logback.xml";

    public static void main(final String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        System.exit(commandLine().execute(args));
    }

    /** The platform's command line with its subcommands. */
    static CommandLine commandLine() {
        return new CommandLine(new PlatformMain())
                .addSubcommand("credentials", CredentialsCommand.commandLine(System.in))
                .addSubcommand("compose-secrets", new ComposeSecretsCommand())
                .addSubcommand("cluster", new ClusterCommand())
                .addSubcommand("chaos", new ChaosCommand());
    }

    PlatformSettings settings() {
        return new PlatformSettings(dataDir, appsDir, kafkaPort, defaults.controllerPort(), mqttPort, mqttTlsPort,
                connectPort, detectorPort, dashboardPort, detectorManagementPort, dashboardManagementPort, notifierPort,
                notifierManagementPort, postgresPort, machines,
                interval, faultsPerHour, defaults.faultDuration(), seed != null ? seed : defaults.seed(),
                defaults.appJvmOptions(), !infraOnly, bridge, anonymousReadings);
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
        final PlatformSecrets secrets = platform.secrets();
        final Path security = s.securityDir().toAbsolutePath().normalize();
        final List<String> lines = new ArrayList<>(List.of("", "The platform is running."));
        if (s.withApps()) {
            lines.add("  dashboard       " + s.dashboardUrl());
            lines.add("  detector REST   " + s.detectorUrl() + "/machines   (API: " + s.detectorManagementUrl()
                    + "/q/swagger-ui)");
            lines.add("  notifier        " + s.notifierUrl() + "/notifications   (rules: "
                    + (Files.isRegularFile(s.notifierConfigFile())
                    ? s.notifierConfigFile().toAbsolutePath().normalize()
                    : "none; write them into " + s.notifierConfigFile().toAbsolutePath().normalize()
                    + ", notifier/README.md") + ")");
        } else {
            lines.add("  (no detector, dashboard or notifier: start them in Quarkus dev mode against Kafka below)");
        }
        lines.addAll(List.of(
                "  MQTT            " + platform.mqttUri() + ", TLS " + platform.mqttTlsUri() + "   (readings on "
                        + "factory/machines/{id}/sensors, into Kafka by "
                        + (s.bridge() == Bridge.HIVEMQ ? "the broker's Kafka bridge" : "the Connect MQTT source") + ")",
                "  Kafka           " + platform.bootstrapServers(),
                "  Kafka Connect   " + platform.connectUrl() + "/connectors",
                "  history         " + platform.database().jdbcUrl() + "   (user " + platform.database().username()
                        + ", loopback only; docs/HISTORY.md)",
                "  data            " + s.dataDir().toAbsolutePath().normalize() + "   (logs in logs/)"));
        lines.add("");
        secrets.firstAdminPassword().ifPresentOrElse(
                password -> {
                    lines.add("  Sign in as " + PlatformSecurity.ADMIN + " with the password " + password);
                    lines.add("  (shown this once and stored only as a hash; change it with");
                    lines.add("   ./run credentials --file " + secrets.peopleFile().toAbsolutePath().normalize()
                            + " passwd " + PlatformSecurity.ADMIN + ")");
                },
                () -> lines.add("  Sign in with an account of " + secrets.peopleFile().toAbsolutePath().normalize()));
        lines.addAll(List.of(
                "  A device connects with an account of its own, role device (publishes its own readings only):",
                "    ./run credentials --file " + security.resolve(PlatformSecurity.DEVICES) + " add MACHINE_042 --roles device",
                "  over TLS with the development CA " + secrets.tls().caPem().toAbsolutePath().normalize()
                        + " (docs/SECURITY.md).",
                "Press Ctrl-C to stop; the next start resumes from the data folder.",
                ""));
        if (s.anonymousReadings()) {
            lines.add(1, "  WARNING: MQTT clients WITHOUT credentials may publish readings for any machine "
                    + "(--allow-anonymous-readings)");
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** {@code hivemq} or {@code connect}. */
    public static final class BridgeConverter implements CommandLine.ITypeConverter<Bridge> {
        @Override
        public Bridge convert(final String value) {
            for (final Bridge bridge : Bridge.values()) {
                if (bridge.optionValue().equalsIgnoreCase(value.trim())) {
                    return bridge;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a bridge: write hivemq or connect");
        }
    }

    /** Durations as the simulator reads them: {@code 3s}, {@code 500ms}, {@code 2m}, … */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(final String value) {
            return Durations.parse(value);
        }
    }
}
