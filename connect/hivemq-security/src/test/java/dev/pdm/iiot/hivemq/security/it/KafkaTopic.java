package dev.pdm.iiot.hivemq.security.it;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything a Kafka topic holds, read from the beginning of every partition without a consumer group. */
final class KafkaTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    KafkaTopic(final String bootstrapServers, final String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new StringDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The keys of every record so far, in the order read. */
    synchronized List<String> keys() {
        for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            records.add(record);
        }
        return records.stream().map(ConsumerRecord::key).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
