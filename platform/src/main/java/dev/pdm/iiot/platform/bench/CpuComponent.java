package dev.pdm.iiot.platform.bench;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a thread of the benchmark's JVM works for, told by its name. That JVM runs local-stack (Kafka,
 * HiveMQ CE with its extensions, the Connect worker with the MQTT connectors), the load generator (the
 * simulator's publisher) and the benchmark itself (its main thread and the probe). The names are the
 * ones a thread dump of a running benchmark shows; the JVM's own threads may also come as the
 * operating system shows them, cut to 15 characters ({@code C2 CompilerThre}), so their prefixes are
 * no longer than that.
 */
enum CpuComponent {

    KAFKA("Kafka broker", true),
    HIVEMQ("HiveMQ", true),
    CONNECT("Kafka Connect", true),
    JVM("JVM (GC, JIT, VM)", true),
    OTHER("other", true),
    LOAD_GENERATOR("load generator", false),
    BENCHMARK("benchmark probe", false);

    /** Client ids of the load generator's MQTT clients start with this. */
    static final String LOAD_GENERATOR_CLIENT_PREFIX = "pipeline-benchmark";

    /** {@code MQTT Rec: <client id>}, also {@code Snd}, {@code Call}, {@code Ping}, {@code Con}: Paho's threads. */
    private static final Pattern PAHO = Pattern.compile("MQTT \\w+: (.*)");
    /** {@code kafka-producer-network-thread | <client id>} and the other threads of Kafka's clients. */
    private static final Pattern KAFKA_CLIENT = Pattern.compile("kafka-[\\w-]+ \\| (.*)");
    /** The broker's and controller's threads named after their node: {@code kafka-1-raft-io-thread}, … */
    private static final Pattern KAFKA_NODE = Pattern.compile("(kafka|broker|controller)-\\d+-.*");
    /** Jetty, which serves the Connect worker's REST API: {@code qtp1947785070-136}, {@code Scheduler-1665967079-1}. */
    private static final Pattern JETTY = Pattern.compile("(qtp|Scheduler-)\\d+-.*|HttpClient@.*");

    private static final List<String> JVM_PREFIXES = List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic Tas",
            "C1 CompilerThre", "C2 CompilerThre", "Sweeper thread", "Service Thread", "Monitor Deflati",
            "Reference Handl", "Finalizer", "Signal Dispatch", "Notification Th", "Common-Cleaner",
            "Attach Listener", "process reaper");
    private static final List<String> KAFKA_PREFIXES = List.of("data-plane-kafka-", "kafka-request-handler-",
            "kafka-network-thread-", "kafka-socket-acceptor-", "kafka-scheduler-", "kafka-log-cleaner-thread-",
            "quorum-controller-", "raft-", "ExpirationReaper-", "ThrottledChannelReaper-", "group-coordinator-",
            "share-coordinator-", "share-group-", "transaction-log-manager-", "TxnMarkerSenderThread-",
            "AddPartitionsToTxnSenderThread-", "LogDirFailureHandler", "client-metrics-reaper",
            "PersisterStateManager", "persister-state-manager-", "executor-", "SensorExpiryThread",
            "metrics-meter-tick-thread-", "ReplicaFetcherThread-", "ReplicaAlterLogDirsThread-");
    private static final List<String> HIVEMQ_PREFIXES = List.of("hivemq-", "embedded-hivemq-", "single-writer-",
            "payload-persistence-", "scheduled-persistence-", "extension-", "global-traffic-shaper-",
            "Exodus ", "threadJobProcessor", "JNA Cleaner");
    private static final List<String> CONNECT_PREFIXES = List.of("DistributedHerder-", "StartAndStopExecutor-",
            "KafkaBasedLog Work Thread", "SourceTaskOffsetCommitter-", "connector-thread-", "task-thread-",
            "mqtt-reconnect-");
    private static final Set<String> BENCHMARK_NAMES = Set.of("main", "pipeline-probe");
    private static final String JDK_HTTP_CLIENT_PREFIX = "HttpClient-";
    private static final String SIMULATION_THREAD = "simulation";
    private static final String BRIDGE_CLIENT_PREFIX = "pdm-kafka-bridge";

    private final String label;
    private final boolean platform;

    CpuComponent(final String label, final boolean platform) {
        this.label = label;
        this.platform = platform;
    }

    /** As the summary names it. */
    String label() {
        return label;
    }

    /** Part of the platform under test; the load generator and the probe are not. */
    boolean isPlatform() {
        return platform;
    }

    /** The component a thread of the benchmark's JVM works for, by the thread's name. */
    static CpuComponent ofThread(final String name) {
        final Matcher paho = PAHO.matcher(name);
        if (paho.matches()) {
            // the only MQTT clients in this JVM: the load generator's and the connectors'
            return paho.group(1).startsWith(LOAD_GENERATOR_CLIENT_PREFIX) ? LOAD_GENERATOR : CONNECT;
        }
        final Matcher kafkaClient = KAFKA_CLIENT.matcher(name);
        if (kafkaClient.matches()) {
            return ofKafkaClient(kafkaClient.group(1));
        }
        if (startsWithAny(name, JVM_PREFIXES)) {
            return JVM;
        }
        if (SIMULATION_THREAD.equals(name) || name.startsWith(LOAD_GENERATOR_CLIENT_PREFIX + "-")) {
            return LOAD_GENERATOR; // the simulation, and the publisher's shared threads (pipeline-benchmark-nio-io, ...)
        }
        if (BENCHMARK_NAMES.contains(name) || name.startsWith(JDK_HTTP_CLIENT_PREFIX)) {
            return BENCHMARK; // the JDK's HTTP clients: the readiness checks of the apps, the connectors' registration
        }
        if (startsWithAny(name, HIVEMQ_PREFIXES)) {
            return HIVEMQ;
        }
        if (startsWithAny(name, CONNECT_PREFIXES) || JETTY.matcher(name).matches()) {
            return CONNECT;
        }
        if (startsWithAny(name, KAFKA_PREFIXES) || KAFKA_NODE.matcher(name).matches()) {
            return KAFKA;
        }
        return OTHER;
    }

    private static CpuComponent ofKafkaClient(final String clientId) {
        if (clientId.startsWith(BRIDGE_CLIENT_PREFIX)) {
            return HIVEMQ; // the Kafka bridge extension runs inside HiveMQ
        }
        // the worker's own clients (local-stack-connect-…), its connectors' (connector-producer-…)
        // and its sink connectors' groups (connect-…)
        return clientId.contains("connect") ? CONNECT : OTHER;
    }

    private static boolean startsWithAny(final String name, final List<String> prefixes) {
        for (final String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
