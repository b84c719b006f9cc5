package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.detector.model.ScoredReadingSerde;
import dev.pdm.iiot.events.model.ScoredReading;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads the committed changelog of the detector's recent-readings store from its beginning, as it
 * grows, with a {@code read_committed} consumer on its own thread: every reading the detector
 * accepted is one record there, written in the same transaction as the offsets it consumed. Counts
 * each reading ({@code machine:seq}) and keeps, per partition, the latest time a reading was taken.
 */
final class ScoredReadingsTail implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Deserializer<ScoredReading> values = new ScoredReadingSerde().deserializer();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> latestReading = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong scored = new AtomicLong();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile Exception failure;

    ScoredReadingsTail(final String bootstrapServers, final String topic, final int partitionCount) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partitions = IntStream.range(0, partitionCount).mapToObj(p -> new TopicPartition(topic, p)).toList();
        this.reader = new Thread(this::read, "scored-readings-tail");
    }

    ScoredReadingsTail start() {
        reader.start();
        return this;
    }

    /** How often each reading ({@code machine:seq}) is in the changelog read so far. */
    Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** Readings read so far that a model scored (not training readings). */
    long scored() {
        return scored.get();
    }

    /** The partitions that hold readings (with 50 machines on 12 partitions, one may hold none). */
    Set<Integer> partitionsWithReadings() {
        return Set.copyOf(latestReading.keySet());
    }

    /** Whether partition {@code partition} holds a reading taken after {@code instant}. */
    boolean hasReadingAfter(final int partition, final Instant instant) {
        final Instant latest = latestReading.get(partition);
        return latest != null && latest.isAfter(instant);
    }

    /** Where the tail stands: its position and latest reading per partition, and why it stopped if it did. */
    String describe() {
        return "positions " + new TreeMap<>(positions.entrySet().stream().collect(
                Collectors.toMap(position -> position.getKey().partition(), Map.Entry::getValue)))
                + ", latest readings " + new TreeMap<>(latestReading)
                + (failure == null ? "" : ", stopped by " + failure);
    }

    /** Whether this tail has read every partition up to {@code ends}. */
    boolean reached(final Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    /** The last stable offset of every partition: the end a {@code read_committed} reader reaches. */
    Map<TopicPartition, Long> committedEnds(final String bootstrapServers) {
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return probe.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        reader.join(30_000);
        if (failure != null) {
            throw new IllegalStateException("the changelog could not be read", failure);
        }
    }

    private void read() {
        try {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    final ScoredReading scoredReading = values.deserialize(record.topic(), record.value());
                    counts.merge(scoredReading.reading().machineId() + ":" + scoredReading.reading().seq(), 1,
                            Integer::sum);
                    if (scoredReading.score() != null) {
                        scored.incrementAndGet();
                    }
                    latestReading.merge(record.partition(), scoredReading.reading().timestamp(),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
                for (final TopicPartition partition : partitions) {
                    positions.put(partition, consumer.position(partition));
                }
            }
        } catch (WakeupException stopping) {
            // close() asked
        } catch (Exception e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
