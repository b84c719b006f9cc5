package dev.pdm.iiot.localstack.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three Kafka nodes, each its own JVM; an idempotent {@code acks=all} producer writes numbered
 * records while the node leading the most partitions is killed with SIGKILL, restarted on its
 * data, and then the next leader-heavy node is killed. Every acknowledged record must be in the
 * topic exactly once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KafkaClusterCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterCrashIT.class);

    private static final String TOPIC = "numbered-records";
    private static final int PARTITIONS = 6;
    private static final int RECORDS_PER_SECOND = 200;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void aSigkilledBrokerLosesNoAcknowledgedRecordAndDuplicatesNone() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.of(dataDir, 3).start()) {
            // given a topic of 6 partitions on all three nodes, and a producer writing to it
            final Admin admin = cluster.admin();
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3))).all().get(30, TimeUnit.SECONDS);
            await("every replica in sync").atMost(WAIT).until(() -> allInSync(admin));
            final long producedFrom = System.nanoTime();
            final Set<Long> acknowledged;
            final long sent;
            final List<Exception> failures;
            final long firstOutage;
            final long secondOutage;
            final int firstVictim;
            final int secondVictim;
            try (NumberedProducer producer = new NumberedProducer(cluster.bootstrapServers(), TOPIC,
                    RECORDS_PER_SECOND)) {
                producer.start();
                await("first acknowledgements").atMost(WAIT).until(() -> producer.acknowledged().size() >= 500);

                // when the leader-heavy node is killed, restarted, and then the next leader-heavy one killed
                firstVictim = leaderHeavyNode(admin);
                firstOutage = crash(cluster, producer, firstVictim);
                cluster.start(firstVictim);
                await("node " + firstVictim + " back in every ISR").atMost(WAIT).until(() -> allInSync(admin));
                secondVictim = leaderHeavyNode(admin);
                assertThat(secondVictim).isNotEqualTo(firstVictim);
                final long beforeSecond = producer.acknowledged().size();
                secondOutage = crash(cluster, producer, secondVictim);
                await("more acknowledgements on two nodes").atMost(WAIT)
                        .until(() -> producer.acknowledged().size() >= beforeSecond + 1_000);
                producer.close();
                acknowledged = producer.acknowledged();
                sent = producer.sent();
                failures = producer.failures();
            }

            // then every acknowledged record is in the topic once, read from the two nodes left
            final Map<Long, Integer> read = readCommitted(cluster.bootstrapServers());
            final long lost = acknowledged.stream().filter(number -> !read.containsKey(number)).count();
            final long duplicates = read.values().stream().mapToLong(count -> count - 1L).sum();
            final String figures = String.format("killed node %d (producing resumed after %d ms), then node %d "
                            + "(after %d ms): %d records sent in %d s, %d acknowledged, %d failed, %d read, %d lost, "
                            + "%d duplicated", firstVictim, firstOutage, secondVictim, secondOutage, sent,
                    (System.nanoTime() - producedFrom) / 1_000_000_000, acknowledged.size(), failures.size(),
                    read.size(), lost, duplicates);
            report("crash run: " + figures);
            assertThat(failures).as(figures).isEmpty();
            assertThat(acknowledged).as(figures).hasSize((int) sent);
            assertThat(lost).as(figures).isZero();
            assertThat(duplicates).as(figures).isZero();
        }
    }

    /**
     * Kills node {@code nodeId} and waits until every partition it led has acknowledged a record
     * again.
     *
     * @return milliseconds from the kill until the last of those partitions acknowledged again
     */
    private static long crash(final KafkaCluster cluster, final NumberedProducer producer, final int nodeId)
            throws Exception {
        final Admin admin = cluster.admin();
        final List<Integer> led = partitions(admin).stream()
                .filter(partition -> partition.leader() != null && partition.leader().id() == nodeId)
                .map(TopicPartitionInfo::partition).toList();
        final int controller = admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        final long killedAt = System.nanoTime();
        cluster.kill(nodeId);
        await("partitions " + led + " of node " + nodeId + " acknowledging again").atMost(WAIT)
                .until(() -> led.stream().allMatch(partition -> producer.firstAckAfter(partition, killedAt).isPresent()));
        final long resumed = led.stream().mapToLong(partition -> producer.firstAckAfter(partition, killedAt)
                .orElseThrow()).max().orElse(killedAt);
        final long millis = (resumed - killedAt) / 1_000_000;
        final String outage = String.format("node %d (leader of partitions %s, %sthe active controller) killed: "
                + "producing resumed after %d ms", nodeId, led, controller == nodeId ? "" : "not ", millis);
        report(outage);
        return millis;
    }

    /** The figures the README quotes, in the test's output ({@code failsafe-reports/…-output.txt}). */
    private static void report(final String figures) {
        LOG.info(figures);
    }

    private static int leaderHeavyNode(final Admin admin) throws Exception {
        final Map<Integer, Long> leaders = partitions(admin).stream()
                .map(TopicPartitionInfo::leader).filter(leader -> leader != null)
                .collect(Collectors.groupingBy(Node::id, Collectors.counting()));
        return leaders.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
    }

    private static boolean allInSync(final Admin admin) throws Exception {
        return partitions(admin).stream().allMatch(partition -> partition.isr().size() == 3);
    }

    private static List<TopicPartitionInfo> partitions(final Admin admin) throws Exception {
        final TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(TOPIC);
        return description.partitions();
    }

    /** Every record number in the topic with how often it is there, read with {@code read_committed}. */
    private static Map<Long, Integer> readCommitted(final String bootstrapServers) {
        final Map<Long, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                    .mapToObj(partition -> new TopicPartition(TOPIC, partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            await("the whole topic read").atMost(WAIT).until(() -> {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    counts.merge(Long.parseLong(record.value()), 1, Integer::sum);
                }
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return counts;
    }
}
