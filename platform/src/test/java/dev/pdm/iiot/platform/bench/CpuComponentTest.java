package dev.pdm.iiot.platform.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thread names as a thread dump of a running {@code PipelineBenchmark} shows them (Kafka 4.1 in
 * KRaft, HiveMQ CE 2025.5, Connect with the MQTT connectors, the simulator's Paho clients), and the
 * JVM's own threads as {@code /proc} names them (cut to 15 characters).
 */
class CpuComponentTest {

    @Test
    void countsTheBrokersAndControllersThreadsToKafka() {
        assertAll(CpuComponent.KAFKA, List.of(
                "data-plane-kafka-request-handler-3", "data-plane-kafka-network-thread-1-PLAINTEXT-PLAINTEXT-0",
                "data-plane-kafka-network-thread-1-CONTROLLER-PLAINTEXT-2",
                "data-plane-kafka-socket-acceptor-PLAINTEXT-PLAINTEXT-38929", "kafka-1-raft-io-thread",
                "kafka-1-metadata-loader-event-handler", "kafka-1-raft-outbound-request-thread", "kafka-scheduler-7",
                "kafka-log-cleaner-thread-0", "quorum-controller-1-event-handler",
                "broker-1-lifecycle-manager-event-handler",
                "broker-1-ThrottledChannelReaper-Fetch", "controller-1-to-controller-registration-channel-manager",
                "ExpirationReaper-1-Produce", "group-coordinator-event-processor-2", "group-coordinator-reaper",
                "share-coordinator-event-processor-0", "share-group-lock-timeout-reaper", "transaction-log-manager-0",
                "TxnMarkerSenderThread-1", "AddPartitionsToTxnSenderThread-1", "LogDirFailureHandler",
                "client-metrics-reaper", "PersisterStateManager", "persister-state-manager-reaper",
                "raft-expiration-reaper",
                "executor-Fetch", "executor-group-coordinator", "SensorExpiryThread", "metrics-meter-tick-thread-1"));
    }

    @Test
    void countsHiveMqsThreadsAndTheKafkaBridgeExtensionsProducerToHiveMq() {
        assertAll(CpuComponent.HIVEMQ, List.of(
                "hivemq-eventloop-child-0", "hivemq-eventloop-parent-0", "embedded-hivemq-state-change-executor",
                "single-writer-2", "single-writer-scheduled-check-0", "payload-persistence-cleanup-3",
                "scheduled-persistence-executor", "extension-task-executor-1", "global-traffic-shaper-executor-0",
                "Exodus shared background cleaner", "threadJobProcessorPoolSpawner",
                "kafka-producer-network-thread | pdm-kafka-bridge-host-1"));
    }

    @Test
    void countsTheWorkerItsRestServerAndTheConnectorsClientsToConnect() {
        assertAll(CpuComponent.CONNECT, List.of(
                "DistributedHerder-connect-127.0.0.1:36375-1", "StartAndStopExecutor-connect-127.0.0.1:36375-3",
                "KafkaBasedLog Work Thread - connect-offsets", "SourceTaskOffsetCommitter-1",
                "connector-thread-mqtt-readings", "task-thread-mqtt-readings-0", "task-thread-mqtt-alerts-0",
                "kafka-producer-network-thread | connector-producer-mqtt-readings-0",
                "kafka-producer-network-thread | local-stack-connect-offsets",
                "kafka-admin-client-thread | local-stack-connect-shared-admin",
                "kafka-coordinator-heartbeat-thread | connect-mqtt-alerts",
                "kafka-coordinator-heartbeat-thread | local-stack-connect",
                "MQTT Rec: mqtt-readings-0-0", "MQTT Snd: mqtt-readings-0-1", "MQTT Call: mqtt-alerts-0",
                "MQTT Ping: mqtt-alerts-0", "mqtt-reconnect-mqtt-readings-0-0", "qtp1947785070-136",
                "qtp1947785070-137-acceptor-0@5eefd6e4-http_127.0.0.136375@50283349{HTTP/1.1, (http/1.1)}{127.0.0.1:36375}",
                "Scheduler-1665967079-1"));
    }

    @Test
    void countsTheSimulatorsMqttClientsAndSimulationThreadToTheLoadGenerator() {
        assertAll(CpuComponent.LOAD_GENERATOR, List.of(
                "simulation", "MQTT Rec: pipeline-benchmark-1", "MQTT Snd: pipeline-benchmark-2",
                "MQTT Call: pipeline-benchmark-3", "MQTT Ping: pipeline-benchmark-4",
                "MQTT Con: pipeline-benchmark-1", "pipeline-benchmark-nio-io", "pipeline-benchmark-nio-timer"));
    }

    @Test
    void countsTheMainThreadTheProbeAndTheReadinessChecksToTheBenchmark() {
        assertAll(CpuComponent.BENCHMARK, List.of(
                "main", "pipeline-probe", "HttpClient-3-SelectorManager", "HttpClient-4-Worker-0"));
    }

    @Test
    void countsGcCompilerAndVmThreadsToTheJvmAlsoWhenCutTo15Characters() {
        assertAll(CpuComponent.JVM, List.of(
                "GC Thread#0", "G1 Conc#0", "G1 Main Marker", "G1 Refine#0", "G1 Service", "VM Thread",
                "VM Periodic Tas", "C2 CompilerThre", "C1 CompilerThre", "Sweeper thread", "Service Thread",
                "Monitor Deflati", "Reference Handler", "Finalizer", "Signal Dispatcher", "Notification Thread",
                "Common-Cleaner", "Attach Listener", "process reaper (pid 19114)"));
    }

    @Test
    void countsThreadsOfNoKnownOwnerAsOther() {
        assertAll(CpuComponent.OTHER, List.of(
                "pool-32-thread-1", "kafka-admin-client-thread | adminclient-1", "maintenance", "mainly"));
    }

    @Test
    void onlyTheLoadGeneratorAndTheProbeAreOutsideThePlatform() {
        assertThat(List.of(CpuComponent.values())).filteredOn(c -> !c.isPlatform())
                .containsExactlyInAnyOrder(CpuComponent.LOAD_GENERATOR, CpuComponent.BENCHMARK);
    }

    @Test
    void readsFromProcOnlyTheJvmThreadsJavaDoesNotListSoNoneIsCountedTwice() {
        assertThat(List.of("GC Thread#1", "G1 Conc#0", "VM Thread", "VM Periodic Tas", "C2 CompilerThre",
                "C1 CompilerThre", "Sweeper thread", "Service Thread", "Monitor Deflati"))
                .allSatisfy(name -> {
                    assertThat(CpuAccounting.isHiddenJvmThread(name)).as(name).isTrue();
                    assertThat(CpuComponent.ofThread(name)).as(name).isEqualTo(CpuComponent.JVM);
                });
        // listed by ThreadMXBean, so counted from there; /proc shows them as "java", "Reference Handl", …
        assertThat(List.of("java", "Reference Handl", "Finalizer", "Signal Dispatch", "Notification Th",
                "Common-Cleaner", "hivemq-eventloo", "simulation"))
                .noneMatch(CpuAccounting::isHiddenJvmThread);
    }

    private static void assertAll(final CpuComponent expected, final List<String> threadNames) {
        assertThat(threadNames)
                .allSatisfy(name -> assertThat(CpuComponent.ofThread(name)).as(name).isEqualTo(expected));
    }
}
