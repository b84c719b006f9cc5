package dev.pdm.iiot.platform.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a {@link PlatformCluster}.
 *
 * @param dataDir          everything the cluster keeps: nodes' data, detectors' state, logs, accounts
 * @param appsDir          the source tree's root, with the packaged apps and the Connect plugins
 * @param kafkaNodes       Kafka nodes (combined broker and controller); 3 gives replication factor 3
 * @param mqttNodes        HiveMQ CE nodes, each with the security extension and the Kafka bridge
 * @param detectors        detector instances of one Kafka Streams application
 * @param mqttPorts        the MQTT nodes' ports in order; 0 or missing for a free port
 * @param dashboardPort    the dashboard's port, 0 for a free one
 * @param detectorPort     the first detector's port (the dashboard asks it), 0 for a free one
 * @param notifierPort     the notifier's port, 0 for a free one
 * @param appJvmOptions    options of the detectors', the dashboard's and the notifier's JVMs
 * @param memberTimeout    how long a detector that stopped answering stays in its group (Kafka
 *                         Streams' session timeout): the pause its partitions see when it crashes
 */
public record ClusterSettings(Path dataDir, Path appsDir, int kafkaNodes, int mqttNodes, int detectors,
                              List<Integer> mqttPorts, int dashboardPort, int detectorPort, int notifierPort,
                              List<String> appJvmOptions, Duration memberTimeout) {

    public ClusterSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(appsDir, "appsDir");
        Objects.requireNonNull(memberTimeout, "memberTimeout");
        mqttPorts = List.copyOf(mqttPorts);
        appJvmOptions = List.copyOf(appJvmOptions);
        if (kafkaNodes < 1 || mqttNodes < 1 || detectors < 1) {
            throw new IllegalArgumentException("a cluster needs at least one Kafka node, one MQTT node and one "
                    + "detector, asked for " + kafkaNodes + ", " + mqttNodes + " and " + detectors);
        }
        if (mqttPorts.size() > mqttNodes) {
            throw new IllegalArgumentException(mqttPorts.size() + " MQTT ports for " + mqttNodes + " nodes");
        }
    }

    /**
     * Three Kafka nodes, two MQTT nodes, two detectors, all on free ports, detectors leaving their
     * group 10 s after a crash.
     */
    public static ClusterSettings defaults(final Path dataDir, final Path appsDir) {
        return new ClusterSettings(dataDir, appsDir, 3, 2, 2, List.of(), 0, 0, 0, List.of("-Xmx384m"),
                Duration.ofSeconds(10));
    }

    /** The port of MQTT node {@code number} (from 1): as given, or 0 for a free one. */
    int mqttPort(final int number) {
        return number <= mqttPorts.size() ? mqttPorts.get(number - 1) : 0;
    }

    Path connectPluginsDir() {
        return appsDir.resolve("platform").resolve("target").resolve("connect-plugins");
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }
}
