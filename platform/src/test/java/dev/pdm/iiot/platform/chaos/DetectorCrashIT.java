package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.localstack.Ports;
import dev.pdm.iiot.localstack.kafka.KafkaCluster;
import dev.pdm.iiot.localstack.kafka.PlatformTopics;
import dev.pdm.iiot.platform.apps.AppProcess;
import dev.pdm.iiot.platform.apps.PlatformApps;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two detector instances, each its own process, on a cluster of three Kafka nodes, each its own
 * process, while readings of 50 machines arrive at 200 per second: one detector is killed with
 * SIGKILL and restarted once the other scores its machines, then the Kafka node leading the most
 * partitions is killed and restarted. Afterwards every acknowledged reading must be in the
 * committed changelog of the recent-readings store exactly once (the detector writes each reading
 * it accepts there, in the transaction that consumes it), and none in the dead-letter topic.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DetectorCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorCrashIT.class);

    private static final String APPLICATION_ID = "streams-detector";
    /** The changelog Kafka Streams keeps for the detector's recent-readings store. */
    private static final String READINGS_CHANGELOG = APPLICATION_ID + "-readings-store-changelog";
    private static final int MACHINES = 50;
    private static final int READINGS_PER_SECOND = 200;
    private static final Path DETECTOR_JAR = Path.of("..", "streams-detector", PlatformApps.RUN_JAR);
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** The nodes' and the detectors' data and logs, kept when the test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void everyReadingIsScoredExactlyOnceThroughADetectorCrashAndABrokerCrash() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.of(dataDir.resolve("kafka"), 3).start()) {
            // given the platform's topics on three nodes, two detectors and readings arriving
            final Admin admin = cluster.admin();
            PlatformTopics.create(admin, KafkaTopics.all(), Duration.ofSeconds(60));
            await("a leader for every partition").atMost(WAIT).until(() -> leaderless(admin) == 0);
            try (AppProcess first = detector(cluster, 1).start(); AppProcess second = detector(cluster, 2).start()) {
                first.awaitReady(WAIT);
                second.awaitReady(WAIT);
                await("the readings changelog").atMost(WAIT)
                        .until(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(READINGS_CHANGELOG));
                final long producedFrom = System.nanoTime();
                try (ReadingProducer producer = new ReadingProducer(cluster.bootstrapServers(), MACHINES,
                        READINGS_PER_SECOND);
                     ScoredReadingsTail tail = new ScoredReadingsTail(cluster.bootstrapServers(), READINGS_CHANGELOG,
                             KafkaTopics.DEFAULT_PARTITIONS).start()) {
                    producer.start();
                    await("machines trained and scoring").atMost(WAIT).until(() -> tail.scored() >= 1_000);

                    // when one detector is killed, the other takes over, and it is restarted
                    final Set<Integer> owned = ownedPartitions(admin, first);
                    owned.retainAll(tail.partitionsWithReadings());
                    final long detectorOutage = crashDetector(first, tail, owned);
                    first.start().awaitReady(WAIT);
                    await("both detectors in the group").atMost(WAIT).until(() -> members(admin) == 2);

                    // and then the Kafka node leading the most partitions is killed and restarted
                    final int victim = leaderHeavyNode(admin);
                    final long brokerOutage = crashBroker(cluster, victim, tail);
                    cluster.start(victim);
                    await("node " + victim + " back in every ISR").atMost(WAIT).until(() -> allInSync(admin));
                    final int acknowledgedBefore = producer.acknowledgedCount();
                    await("more readings on the whole cluster").atMost(WAIT)
                            .until(() -> producer.acknowledgedCount() >= acknowledgedBefore + 1_000);
                    producer.close();

                    // then, once the detectors have caught up, every reading is scored once
                    await("the detectors caught up").atMost(WAIT).until(() -> lag(admin) == 0);
                    final Map<TopicPartition, Long> ends = tail.committedEnds(cluster.bootstrapServers());
                    await("the whole changelog read").atMost(WAIT).until(() -> tail.reached(ends));
                    final Set<String> acknowledged = producer.acknowledged();
                    final Map<String, Integer> counts = tail.counts();
                    final long lost = acknowledged.stream().filter(reading -> !counts.containsKey(reading)).count();
                    final long records = counts.values().stream().mapToLong(Integer::longValue).sum();
                    final long duplicates = records - counts.size();
                    final long unknown = counts.keySet().stream().filter(reading -> !acknowledged.contains(reading))
                            .count();
                    final long dead = committedRecords(admin, KafkaTopics.TELEMETRY_DLQ);
                    final String figures = String.format("%d readings sent in %d s, %d acknowledged, %d failed; "
                                    + "%d in the readings changelog (%d scored, the rest training), %d lost, "
                                    + "%d duplicated, %d never sent, %d in the dead-letter topic; scoring resumed "
                                    + "%d ms after a detector was killed, %d ms after Kafka node %d was killed",
                            producer.sent(), (System.nanoTime() - producedFrom) / 1_000_000_000, acknowledged.size(),
                            producer.failures().size(), records, tail.scored(), lost, duplicates, unknown,
                            dead, detectorOutage, brokerOutage, victim);
                    report(figures);
                    assertThat(producer.failures()).as(figures).isEmpty();
                    assertThat(acknowledged).as(figures).hasSize((int) producer.sent());
                    assertThat(lost).as(figures).isZero();
                    assertThat(duplicates).as(figures).isZero();
                    assertThat(unknown).as(figures).isZero();
                    assertThat(dead).as(figures).isZero();
                }
            }
        }
    }

    /** A detector process of the application on the cluster, with its own ports and state. */
    private AppProcess detector(final KafkaCluster cluster, final int instance) {
        final int[] ports = Ports.resolve(new int[2]);
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", cluster.bootstrapServers());
        properties.put("quarkus.http.port", Integer.toString(ports[0]));
        properties.put("quarkus.management.port", Integer.toString(ports[1]));
        properties.put("quarkus.kafka-streams.application-id", APPLICATION_ID);
        properties.put("detector.state-dir", dataDir.resolve("detector-" + instance).toAbsolutePath().toString());
        properties.put("detector.advertised-host", "localhost");
        properties.put("detector.instance-id", "streams-detector-" + instance);
        properties.put("detector.create-topics", "false");
        properties.put("kafka-streams.replication.factor", "3");
        properties.put("kafka-streams.num.stream.threads", "1");
        // what Kafka Streams does (rebalances, restoration, tasks) in the detector's log
        properties.put("quarkus.log.category.\"org.apache.kafka.streams\".level", "INFO");
        // a killed member leaves the group after 10 s instead of 45 s
        properties.put("kafka-streams.session.timeout.ms", "10000");
        return new AppProcess("streams-detector-" + instance, DETECTOR_JAR, List.of("-Xmx384m"), properties,
                dataDir.resolve("streams-detector-" + instance + ".log"),
                URI.create("http://localhost:" + ports[1] + "/q/health/ready"));
    }

    /**
     * Kills {@code detector} and waits until every partition it owned has scored a reading taken
     * after the kill, by the other instance.
     *
     * @return milliseconds from the kill until the last of those partitions scored again
     */
    private static long crashDetector(final AppProcess detector, final ScoredReadingsTail tail,
                                      final Set<Integer> owned) {
        final ProcessHandle process = detector.processHandle().orElseThrow();
        final Instant killedAt = Instant.now();
        final long killed = System.nanoTime();
        process.destroyForcibly();
        await(detector.name() + " gone").atMost(WAIT).until(() -> !process.isAlive());
        awaitScoring("partitions " + owned + " scored by the other detector", owned, killedAt, tail);
        final long millis = (System.nanoTime() - killed) / 1_000_000;
        report(String.format("%s (pid %d, partitions %s) killed: scoring resumed after %d ms", detector.name(),
                process.pid(), owned, millis));
        return millis;
    }

    /**
     * Kills Kafka node {@code nodeId} and waits until every partition of the readings scored a
     * reading taken after the kill.
     */
    private static long crashBroker(final KafkaCluster cluster, final int nodeId, final ScoredReadingsTail tail)
            throws Exception {
        final int controller = cluster.admin().describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS)
                .leaderId();
        final Instant killedAt = Instant.now();
        final long killed = System.nanoTime();
        cluster.kill(nodeId);
        awaitScoring("every partition scoring after node " + nodeId + " was killed", tail.partitionsWithReadings(),
                killedAt, tail);
        final long millis = (System.nanoTime() - killed) / 1_000_000;
        report(String.format("Kafka node %d (%sthe active controller) killed: scoring resumed after %d ms", nodeId,
                controller == nodeId ? "" : "not ", millis));
        return millis;
    }

    /** Waits until each of {@code partitions} holds a reading taken after {@code since}. */
    private static void awaitScoring(final String alias, final Set<Integer> partitions, final Instant since,
                                     final ScoredReadingsTail tail) {
        try {
            await(alias).atMost(WAIT)
                    .until(() -> partitions.stream().allMatch(partition -> tail.hasReadingAfter(partition, since)));
        } catch (ConditionTimeoutException e) {
            report("no reading after " + since + " on some of " + partitions + ": " + tail.describe());
            throw e;
        }
    }

    /** The figures the README quotes, in the test's output ({@code failsafe-reports/…-output.txt}). */
    private static void report(final String figures) {
        LOG.info(figures);
    }

    /**
     * The partitions of machine-telemetry assigned to {@code detector}'s static members of the group
     * (Kafka Streams names one per stream thread: the instance id, a dash and the thread's number).
     */
    private static Set<Integer> ownedPartitions(final Admin admin, final AppProcess detector) throws Exception {
        final Set<Integer> owned = group(admin).members().stream()
                .filter(member -> member.groupInstanceId().filter(id -> id.startsWith(detector.name() + "-"))
                        .isPresent())
                .flatMap(member -> member.assignment().topicPartitions().stream())
                .filter(partition -> partition.topic().equals(KafkaTopics.TELEMETRY))
                .map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
        assertThat(owned).as("partitions of %s", detector.name()).isNotEmpty();
        return owned;
    }

    private static ConsumerGroupDescription group(final Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(APPLICATION_ID)).describedGroups().get(APPLICATION_ID)
                .get(10, TimeUnit.SECONDS);
    }

    /** Members of the detectors' group that own partitions of machine-telemetry. */
    private static long members(final Admin admin) throws Exception {
        return group(admin).members().stream().filter(member -> member.assignment().topicPartitions().stream()
                .anyMatch(partition -> partition.topic().equals(KafkaTopics.TELEMETRY))).count();
    }

    /** Readings in machine-telemetry the detectors' group has not committed yet. */
    private static long lag(final Admin admin) throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        IntStream.range(0, KafkaTopics.DEFAULT_PARTITIONS).forEach(partition ->
                latest.put(new TopicPartition(KafkaTopics.TELEMETRY, partition), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .mapToLong(end -> {
                    final OffsetAndMetadata offset = committed.get(end.getKey());
                    return Math.max(0, end.getValue().offset() - (offset == null ? 0 : offset.offset()));
                }).sum();
    }

    /** Records in {@code topic} a {@code read_committed} reader sees: the sum of its last stable offsets. */
    private static long committedRecords(final Admin admin, final String topic) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions(admin, List.of(topic)).forEach(partition ->
                latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(info -> info.offset()).sum();
    }

    /** The node leading the most partitions of the cluster's topics (the lowest id on a tie). */
    private static int leaderHeavyNode(final Admin admin) throws Exception {
        final Map<Integer, Long> leaders = partitions(admin, topics(admin)).stream()
                .map(TopicPartitionInfo::leader).filter(leader -> leader != null)
                .collect(Collectors.groupingBy(Node::id, Collectors.counting()));
        return leaders.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
    }

    private static boolean allInSync(final Admin admin) throws Exception {
        return partitions(admin, topics(admin)).stream().allMatch(partition -> partition.isr().size() == 3);
    }

    private static long leaderless(final Admin admin) throws Exception {
        return partitions(admin, topics(admin)).stream().filter(partition -> partition.leader() == null).count();
    }

    private static Set<String> topics(final Admin admin) throws Exception {
        return admin.listTopics().names().get(10, TimeUnit.SECONDS);
    }

    private static List<TopicPartitionInfo> partitions(final Admin admin, final Collection<String> topics)
            throws Exception {
        return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                .map(TopicDescription::partitions).flatMap(List::stream).toList();
    }
}
