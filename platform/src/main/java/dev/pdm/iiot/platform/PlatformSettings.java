package dev.pdm.iiot.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the embedded platform runs: where its data lives, its ports, the simulated plant.
 *
 * @param dataDir        everything the platform keeps: brokers, detector state, logs, fault labels
 * @param appsDir        the source tree's root: the folder holding {@code streams-detector/},
 *                       {@code dashboard-quarkus/} and {@code notifier/} with their packaged apps
 *                       ({@code target/quarkus-app}), and {@code platform/target/connect-plugins}
 * @param kafkaPort      Kafka's client port
 * @param controllerPort Kafka's KRaft controller port
 * @param mqttPort       HiveMQ's MQTT port
 * @param mqttTlsPort    HiveMQ's MQTT over TLS port
 * @param connectPort    the Connect worker's REST port
 * @param detectorPort   the detector's REST port
 * @param dashboardPort  the dashboard's HTTP port
 * @param detectorManagementPort  the detector's health and metrics port (no credentials)
 * @param dashboardManagementPort the dashboard's health port (no credentials)
 * @param notifierPort   the notifier's REST port (its notification log)
 * @param notifierManagementPort the notifier's health and metrics port (no credentials)
 * @param postgresPort   the history database's port (PostgreSQL, loopback only)
 * @param machines       simulated machines; 0 runs no simulator
 * @param interval       time between two readings of one machine
 * @param faultsPerHour  random fault episodes per machine and hour
 * @param faultDuration  shortest and longest fault episode
 * @param seed           the simulator's seed
 * @param appJvmOptions  JVM options of the detector and dashboard processes
 * @param withApps       whether to run the detector, the dashboard and the notifier (false: brokers,
 *                       database, connectors and simulator only, for the apps in Quarkus dev mode)
 * @param bridge         how readings get from MQTT into Kafka
 * @param anonymousReadings whether MQTT clients without credentials may publish readings (and nothing
 *                       else), for devices that cannot be given any; off by default
 */
public record PlatformSettings(
        Path dataDir,
        Path appsDir,
        int kafkaPort,
        int controllerPort,
        int mqttPort,
        int mqttTlsPort,
        int connectPort,
        int detectorPort,
        int dashboardPort,
        int detectorManagementPort,
        int dashboardManagementPort,
        int notifierPort,
        int notifierManagementPort,
        int postgresPort,
        int machines,
        Duration interval,
        double faultsPerHour,
        List<Duration> faultDuration,
        long seed,
        List<String> appJvmOptions,
        boolean withApps,
        Bridge bridge,
        boolean anonymousReadings) {

    public static final int KAFKA_PORT = 9092;
    public static final int CONTROLLER_PORT = 9093;
    public static final int MQTT_PORT = 1883;
    public static final int MQTT_TLS_PORT = 8883;
    public static final int CONNECT_PORT = 8083;
    public static final int DETECTOR_PORT = 8081;
    public static final int DASHBOARD_PORT = 8080;
    public static final int DETECTOR_MANAGEMENT_PORT = 9001;
    public static final int DASHBOARD_MANAGEMENT_PORT = 9000;
    public static final int NOTIFIER_PORT = 8082;
    public static final int NOTIFIER_MANAGEMENT_PORT = 9002;
    public static final int POSTGRES_PORT = 5432;

    public PlatformSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(appsDir, "appsDir");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(bridge, "bridge");
        faultDuration = List.copyOf(faultDuration);
        appJvmOptions = List.copyOf(appJvmOptions);
        if (machines < 0) {
            throw new IllegalArgumentException("machines must be 0 or more, was " + machines);
        }
        if (faultDuration.size() != 2 || faultDuration.get(0).compareTo(faultDuration.get(1)) > 0) {
            throw new IllegalArgumentException("fault duration needs a shortest and a longest, was " + faultDuration);
        }
    }

    /**
     * The defaults: data under {@code data/platform}, the usual ports, the prototype's plant (3
     * machines every 3 s) with a fault episode of 2 to 5 minutes every few minutes somewhere in it,
     * readings bridged by the HiveMQ extension, every MQTT client with credentials.
     */
    public static PlatformSettings defaults() {
        return new PlatformSettings(Path.of("data", "platform"), Path.of("."), KAFKA_PORT, CONTROLLER_PORT,
                MQTT_PORT, MQTT_TLS_PORT, CONNECT_PORT, DETECTOR_PORT, DASHBOARD_PORT, DETECTOR_MANAGEMENT_PORT,
                DASHBOARD_MANAGEMENT_PORT, NOTIFIER_PORT, NOTIFIER_MANAGEMENT_PORT, POSTGRES_PORT, 3, Duration.ofSeconds(3), 4.0,
                List.of(Duration.ofMinutes(2), Duration.ofMinutes(5)), System.currentTimeMillis(),
                List.of("-Xmx512m"), true, Bridge.HIVEMQ, false);
    }

    public Path localStackDir() {
        return dataDir.resolve("local-stack");
    }

    public Path detectorStateDir() {
        return dataDir.resolve("detector");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** Credentials files, certificates and the session key, readable by the owner only. */
    public Path securityDir() {
        return dataDir.resolve("security");
    }

    public Path labelsFile() {
        return dataDir.resolve("fault-labels.jsonl");
    }

    /**
     * The notifier's own settings (rules, SMTP server, webhooks), a Quarkus properties file read when it
     * exists; owner-only, as it may hold an SMTP password.
     */
    public Path notifierConfigFile() {
        return dataDir.resolve("notifier.properties");
    }

    /** Debezium's JDBC sink connector, unpacked by the build: the Connect worker's {@code plugin.path}. */
    public Path connectPluginsDir() {
        return appsDir.resolve("platform").resolve("target").resolve("connect-plugins");
    }

    public String dashboardUrl() {
        return "http://localhost:" + dashboardPort + "/";
    }

    public String detectorUrl() {
        return "http://localhost:" + detectorPort;
    }

    /** The detector's health, metrics and API description, reachable without credentials. */
    public String detectorManagementUrl() {
        return "http://localhost:" + detectorManagementPort;
    }

    public String dashboardManagementUrl() {
        return "http://localhost:" + dashboardManagementPort;
    }

    public String notifierUrl() {
        return "http://localhost:" + notifierPort;
    }

    public String notifierManagementUrl() {
        return "http://localhost:" + notifierManagementPort;
    }
}
