package dev.pdm.iiot.localstack.kafka;

import dev.pdm.iiot.localstack.Ports;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a KRaft node (broker and controller combined): where its log lives, where it listens,
 * its place in the quorum and property overrides. {@link #serverProperties()} turns them into the
 * node's {@code server.properties}. Without a quorum it is the single-node broker of the local stack.
 *
 * @param logDir         the broker's data (log and metadata log); formatted on first start
 * @param bindAddress    address of the client listener, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param advertisedHost host clients are told to connect to
 * @param port           client listener port, 0 = a free port chosen at first start
 * @param controllerPort KRaft controller listener port (always on loopback), 0 = a free port
 * @param overrides      broker properties that replace the defaults below, or add to them
 * @param quorum         node id, controller quorum and cluster id ({@link KraftQuorum#single()} for one node)
 */
public record KafkaBrokerConfig(Path logDir, String bindAddress, String advertisedHost, int port,
                                int controllerPort, Map<String, String> overrides, KraftQuorum quorum) {

    /** The node id of the one combined broker and controller. */
    public static final int NODE_ID = 1;
    public static final String CLIENT_LISTENER = "PLAINTEXT";
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The controller listener binds here, whatever the client listener's address. */
    public static final String CONTROLLER_HOST = "127.0.0.1";
    /** Partitions of the consumer offsets and transaction state topics (Kafka's default is 50). */
    public static final int INTERNAL_TOPIC_PARTITIONS = 10;

    public KafkaBrokerConfig {
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Ports.check(port);
        Ports.check(controllerPort);
        overrides = Map.copyOf(overrides);
        Objects.requireNonNull(quorum, "quorum");
    }

    /** A single node, alone in its quorum. */
    public KafkaBrokerConfig(final Path logDir, final String bindAddress, final String advertisedHost, final int port,
                             final int controllerPort, final Map<String, String> overrides) {
        this(logDir, bindAddress, advertisedHost, port, controllerPort, overrides, KraftQuorum.single());
    }

    /** A loopback broker on free ports with no overrides. */
    public static KafkaBrokerConfig loopback(final Path logDir) {
        return new KafkaBrokerConfig(logDir, "127.0.0.1", "127.0.0.1", 0, 0, Map.of());
    }

    /** The same settings on the given ports. */
    public KafkaBrokerConfig withPorts(final int newPort, final int newControllerPort) {
        return new KafkaBrokerConfig(logDir, bindAddress, advertisedHost, newPort, newControllerPort, overrides,
                quorum);
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return advertisedHost + ":" + port;
    }

    /**
     * The broker's properties: a combined broker and controller in a static quorum (of one voter
     * unless {@link #quorum()} names others), and
     * every internal topic sized for one node (replication factor 1, {@code min.insync.replicas} 1,
     * so transactions and {@code exactly_once_v2} work), consumer groups that start without the
     * initial rebalance delay, then the overrides.
     *
     * @throws IllegalStateException while a port is still 0
     */
    public Map<String, String> serverProperties() {
        if (port == 0 || controllerPort == 0) {
            throw new IllegalStateException("ports are not resolved yet: " + port + ", " + controllerPort);
        }
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(quorum.nodeId()));
        props.put("controller.quorum.voters", quorum.votersFor(controllerPort));
        props.put("listeners", CLIENT_LISTENER + "://" + bindAddress + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + CONTROLLER_HOST + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + advertisedHost + ":" + port);
        props.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("log.dirs", logDir.toAbsolutePath().toString());

        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");

        props.putAll(overrides);
        return props;
    }
}
