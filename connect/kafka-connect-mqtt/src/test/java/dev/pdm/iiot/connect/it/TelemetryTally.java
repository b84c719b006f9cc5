package dev.pdm.iiot.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a topic from its beginning and counts the readings by (machine, seq): how many distinct
 * arrived, how many twice, and whether each record's key is its machine.
 */
final class TelemetryTally implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private long total;
    private long wrongKeys;

    TelemetryTally(final String bootstrap, final String topic) {
        final Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "tally-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Reads what is there now; returns the number of distinct readings seen so far. */
    int poll() {
        for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            total++;
            records.add(record);
            try {
                final JsonNode node = JSON.readTree(record.value());
                final String machine = node.path("machine_id").asText();
                if (!machine.equals(record.key())) {
                    wrongKeys++;
                }
                seen.merge(Readings.id(machine, node.path("seq").asLong()), 1, Integer::sum);
            } catch (IOException e) {
                seen.merge("unreadable:" + total, 1, Integer::sum);
            }
        }
        return seen.size();
    }

    int distinct() {
        return seen.size();
    }

    long total() {
        return total;
    }

    long duplicates() {
        return total - seen.size();
    }

    long wrongKeys() {
        return wrongKeys;
    }

    /** Of the expected ids, those never seen. */
    Set<String> missing(final Set<String> expected) {
        final Set<String> missing = new HashSet<>(expected);
        missing.removeAll(seen.keySet());
        return missing;
    }

    List<ConsumerRecord<String, byte[]>> records() {
        return records;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
