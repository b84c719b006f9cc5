package dev.pdm.iiot.localstack.kafka;

import dev.pdm.iiot.localstack.process.NodeProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A KRaft cluster of several Kafka nodes on this machine, each a {@link KafkaNodeMain} in a JVM of
 * its own ({@link NodeProcess}, the classpath of this one), so that killing one is a real crash of a
 * real process.
 * Every node is a combined broker and controller; see {@link KafkaClusterConfig} for its settings.
 * {@link #kill(int)} sends SIGKILL, {@link #start(int)} starts the node again on the same data and
 * ports. A node's output goes to {@code node-<id>.log} in the cluster's folder.
 */
public final class KafkaCluster implements AutoCloseable {

    /** How long {@link #start()} and {@link #start(int)} wait for the brokers to register. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Options of every node's JVM unless told otherwise: a small heap, little JIT work at startup. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterConfig config;
    private final List<String> jvmOptions;
    private final Map<Integer, NodeProcess> nodes = new ConcurrentSkipListMap<>();
    private Admin admin;

    public KafkaCluster(final KafkaClusterConfig config, final List<String> jvmOptions) {
        this.config = config;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** {@code size} nodes in {@code dataDir} on free ports, with the cluster defaults and the default JVM options. */
    public static KafkaCluster of(final Path dataDir, final int size) {
        return new KafkaCluster(KafkaClusterConfig.of(dataDir, size, Map.of()), DEFAULT_JVM_OPTIONS);
    }

    /** Starts every node that is not running; returns once all brokers are registered and unfenced. */
    public synchronized KafkaCluster start() {
        final long started = System.nanoTime();
        for (final int nodeId : config.nodeIds()) {
            launch(nodeId);
        }
        awaitBrokers(Set.copyOf(config.nodeIds()), READY_TIMEOUT);
        LOG.info("Kafka cluster of {} nodes ready on {} in {} ms", config.size(), config.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /**
     * Starts node {@code nodeId} on its data and ports, unless it runs; returns once the new process
     * has started its broker and the cluster lists it as live.
     */
    public synchronized void start(final int nodeId) {
        final long started = System.nanoTime();
        launch(nodeId);
        awaitBrokers(Set.of(nodeId), READY_TIMEOUT);
        LOG.info("Kafka node {} back in {} ms", nodeId, (System.nanoTime() - started) / 1_000_000);
    }

    /** SIGKILL to node {@code nodeId}: no shutdown, no flush; returns once the process is gone. */
    public synchronized void kill(final int nodeId) {
        running(nodeId).kill();
    }

    /** Whether node {@code nodeId}'s process is alive. */
    public synchronized boolean isRunning(final int nodeId) {
        final NodeProcess node = nodes.get(nodeId);
        return node != null && node.isAlive();
    }

    /** The process id of node {@code nodeId}. */
    public synchronized long pid(final int nodeId) {
        return running(nodeId).pid();
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    public KafkaClusterConfig config() {
        return config;
    }

    /** An Admin client of the cluster, owned by it: closed by {@link #close()}. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-cluster",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        }
        return admin;
    }

    /** The ids of the brokers the cluster has registered and not fenced now. */
    public Set<Integer> liveBrokers() {
        try {
            return admin().describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
                    .get(10, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the cluster", e);
        }
    }

    /** Stops every node with SIGTERM (a clean broker shutdown), killing those that do not end in time. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        final List<CompletableFuture<Void>> stops = new ArrayList<>();
        nodes.values().forEach(node -> stops.add(CompletableFuture.runAsync(() -> node.stop(STOP_TIMEOUT))));
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        LOG.info("Kafka cluster on {} stopped", config.bootstrapServers());
    }

    private void launch(final int nodeId) {
        if (isRunning(nodeId)) {
            return;
        }
        final KafkaBrokerConfig node = config.node(nodeId);
        nodes.computeIfAbsent(nodeId, id -> new NodeProcess("Kafka node " + id, KafkaNodeMain.class.getName(),
                KafkaNodeMain.args(node), jvmOptions, config.dataDir().resolve("node-" + id + ".log"),
                readyFile(id))).start();
    }

    private void awaitBrokers(final Collection<Integer> nodeIds, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Set<Integer> live = Set.of();
        while (System.nanoTime() < deadline) {
            for (final int nodeId : nodeIds) {
                if (!isRunning(nodeId)) {
                    throw new IllegalStateException("Kafka node " + nodeId + " ended while starting, see node-"
                            + nodeId + ".log in " + config.dataDir());
                }
            }
            live = liveBrokers();
            if (nodeIds.stream().allMatch(nodeId -> Files.exists(readyFile(nodeId))) && live.containsAll(nodeIds)) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("Kafka brokers " + nodeIds + " not registered within " + timeout
                + ", live: " + live);
    }

    /** Written by the node's process once its broker serves clients. */
    private Path readyFile(final int nodeId) {
        return config.dataDir().resolve("node-" + nodeId + ".ready");
    }

    private NodeProcess running(final int nodeId) {
        if (!isRunning(nodeId)) {
            throw new IllegalStateException("Kafka node " + nodeId + " is not running");
        }
        return nodes.get(nodeId);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka cluster", e);
        }
    }
}
