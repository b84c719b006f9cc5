package dev.pdm.iiot.localstack.kafka;

import dev.pdm.iiot.localstack.Ports;
import org.apache.kafka.common.Uuid;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Settings of a KRaft cluster of several nodes on this machine, each a combined broker and
 * controller on loopback, all of them voters of one static quorum. Node {@code i} (1..size) has
 * client port {@code ports[i-1]}, controller port {@code controllerPorts[i-1]} and its data in
 * {@code dataDir/node-i}. {@link #node(int)} gives one node's {@link KafkaBrokerConfig}.
 *
 * @param dataDir         the cluster's folder, one subfolder per node
 * @param ports           client listener ports, one per node, all resolved
 * @param controllerPorts controller listener ports, one per node, all resolved
 * @param clusterId       the cluster id every node's storage is formatted with
 * @param overrides       broker properties that replace the {@link #defaults(int) cluster defaults}
 */
public record KafkaClusterConfig(Path dataDir, List<Integer> ports, List<Integer> controllerPorts, String clusterId,
                                 Map<String, String> overrides) {

    /** The address every node listens on and advertises. */
    public static final String HOST = "127.0.0.1";

    public KafkaClusterConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        ports = List.copyOf(ports);
        controllerPorts = List.copyOf(controllerPorts);
        if (ports.isEmpty() || ports.size() != controllerPorts.size()) {
            throw new IllegalArgumentException("one client and one controller port per node, got " + ports
                    + " and " + controllerPorts);
        }
        if (ports.contains(0) || controllerPorts.contains(0)) {
            throw new IllegalArgumentException("ports must be resolved, got " + ports + " and " + controllerPorts);
        }
        if (Objects.requireNonNull(clusterId, "clusterId").isEmpty()) {
            throw new IllegalArgumentException("clusterId must not be empty");
        }
        overrides = Map.copyOf(overrides);
    }

    /** {@code size} nodes in {@code dataDir} on free ports, with a new cluster id. */
    public static KafkaClusterConfig of(final Path dataDir, final int size, final Map<String, String> overrides) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster has at least one node, asked for " + size);
        }
        final int[] resolved = Ports.resolve(new int[2 * size]);
        final List<Integer> all = IntStream.of(resolved).boxed().toList();
        return new KafkaClusterConfig(dataDir, all.subList(0, size), all.subList(size, 2 * size),
                Uuid.randomUuid().toString(), overrides);
    }

    /**
     * What a cluster of {@code size} nodes runs with unless overridden: every topic, internal ones
     * included, replicated to three nodes (fewer in a smaller cluster), writes with {@code acks=all}
     * acknowledged once two replicas have them, and no out-of-sync replica ever elected leader.
     */
    public static Map<String, String> defaults(final int size) {
        final String replicas = String.valueOf(Math.min(3, size));
        final String minIsr = String.valueOf(Math.max(1, Math.min(3, size) - 1));
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minIsr);
        props.put("offsets.topic.replication.factor", replicas);
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("unclean.leader.election.enable", "false");
        return props;
    }

    public int size() {
        return ports.size();
    }

    /** The node ids, 1..size. */
    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, size()).boxed().toList();
    }

    /** {@code controller.quorum.voters}: every node, {@code 1@127.0.0.1:port,2@…}. */
    public String voters() {
        return nodeIds().stream().map(id -> id + "@" + KafkaBrokerConfig.CONTROLLER_HOST + ":"
                + controllerPorts.get(id - 1)).collect(Collectors.joining(","));
    }

    /** Every node's client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return ports.stream().map(port -> HOST + ":" + port).collect(Collectors.joining(","));
    }

    /** The settings of node {@code nodeId}: the cluster defaults, then the overrides. */
    public KafkaBrokerConfig node(final int nodeId) {
        if (nodeId < 1 || nodeId > size()) {
            throw new IllegalArgumentException("node ids are 1.." + size() + ", got " + nodeId);
        }
        final Map<String, String> props = new LinkedHashMap<>(defaults(size()));
        props.putAll(overrides);
        return new KafkaBrokerConfig(dataDir.resolve("node-" + nodeId), HOST, HOST, ports.get(nodeId - 1),
                controllerPorts.get(nodeId - 1), props, new KraftQuorum(nodeId, voters(), clusterId));
    }
}
