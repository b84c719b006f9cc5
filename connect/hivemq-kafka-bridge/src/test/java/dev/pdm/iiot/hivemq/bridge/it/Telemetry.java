package dev.pdm.iiot.hivemq.bridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a topic holds, read from the beginning of every partition without a consumer group,
 * as it arrives: the readings' sequence numbers per machine in the order Kafka has them, and the
 * records themselves.
 */
final class Telemetry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<Long>> seqsByMachine = new ConcurrentHashMap<>();
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    Telemetry(final String bootstrapServers, final String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived since the last call; returns this. */
    synchronized Telemetry poll() {
        for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            records.add(record);
            final Long seq = seqOf(record.value());
            if (record.key() != null && seq != null) {
                seqsByMachine.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(seq);
            }
        }
        return this;
    }

    /** Sequence numbers of a machine's readings, in Kafka's order, duplicates included. */
    synchronized List<Long> seqs(final String machine) {
        return List.copyOf(seqsByMachine.getOrDefault(machine, List.of()));
    }

    synchronized Set<String> machines() {
        return Set.copyOf(seqsByMachine.keySet());
    }

    synchronized long count() {
        return records.size();
    }

    synchronized List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }

    /** Readings of every machine, duplicates counted once. */
    synchronized long distinctReadings() {
        return seqsByMachine.values().stream().mapToLong(s -> s.stream().distinct().count()).sum();
    }

    static String header(final ConsumerRecord<?, ?> record, final String name) {
        final var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Long seqOf(final byte[] value) {
        try {
            final JsonNode seq = JSON.readTree(value).get("seq");
            return seq == null ? null : seq.asLong();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
