package dev.pdm.iiot.platform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.KafkaTopics;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads what the detector publishes, as a downstream consumer sees it ({@code read_committed}),
 * and measures how long after a reading was due (published) its effect arrived (for the bridge alone,
 * it counts the records of {@code machine-telemetry} instead):
 * <ul>
 *   <li>{@code machine-status}: now minus the timestamp of the status's last reading;</li>
 *   <li>{@code machine-alerts}: now minus {@code last_seen}, the reading that raised or updated the
 *       alert (cleared states are not counted: a clear comes from later normal readings).</li>
 * </ul>
 * It also keeps each machine's latest reading count, to tell how many readings the detector
 * accepted in all.
 */
final class PipelineProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_LATENCY_US = TimeUnit.MINUTES.toMicros(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Histogram statusLatency = new Histogram(MAX_LATENCY_US, 3);
    private final Histogram alertLatency = new Histogram(MAX_LATENCY_US, 3);
    private final Map<String, Long> readingsByMachine = new ConcurrentHashMap<>();
    private final AtomicLong statusRecords = new AtomicLong();
    private final AtomicLong alertRecords = new AtomicLong();
    private final boolean countInKafka;
    /** Reads no record: asks for the end offsets of {@code machine-telemetry}, which has no transactions. */
    private final KafkaConsumer<String, byte[]> offsets;
    private final List<TopicPartition> telemetry = new ArrayList<>();
    private final long telemetryAtStart;
    private final AtomicLong telemetryRecords = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean running = true;

    /**
     * @param countInKafka count the readings in {@code machine-telemetry} (the bridge alone, no
     *                     detector) instead of the readings the detector's statuses report
     */
    PipelineProbe(final String bootstrapServers, final boolean countInKafka) {
        this.countInKafka = countInKafka;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
                new StringDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : List.of(KafkaTopics.STATUS, KafkaTopics.ALERTS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        offsets = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer());
        offsets.partitionsFor(KafkaTopics.TELEMETRY)
                .forEach(p -> telemetry.add(new TopicPartition(KafkaTopics.TELEMETRY, p.partition())));
        telemetryAtStart = endOffsets();
        thread = new Thread(this::run, "pipeline-probe");
        thread.start();
    }

    /** From now on, latencies count. */
    void startMeasuring() {
        synchronized (this) {
            statusLatency.reset();
            alertLatency.reset();
        }
        measuring = true;
    }

    private void run() {
        while (running) {
            if (countInKafka) {
                telemetryRecords.set(endOffsets() - telemetryAtStart);
            }
            for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                final long nowMicros = currentMicros();
                try {
                    final JsonNode value = JSON.readTree(record.value());
                    if (KafkaTopics.STATUS.equals(record.topic())) {
                        statusRecords.incrementAndGet();
                        readingsByMachine.put(record.key(), value.path("readings").asLong());
                        record(statusLatency, nowMicros, value.path("last_reading").path("timestamp").asText(null));
                    } else {
                        alertRecords.incrementAndGet();
                        if (!"CLEARED".equals(value.path("status").asText())) {
                            record(alertLatency, nowMicros, value.path("last_seen").asText(null));
                        }
                    }
                } catch (IOException e) {
                    // not the platform's JSON: not measured
                }
            }
        }
        consumer.close();
        offsets.close();
    }

    private void record(final Histogram histogram, final long nowMicros, final String timestamp) {
        if (!measuring || timestamp == null) {
            return;
        }
        final Instant t = Instant.parse(timestamp);
        final long micros = nowMicros - (t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
        synchronized (this) {
            histogram.recordValue(Math.max(0, Math.min(micros, MAX_LATENCY_US)));
        }
    }

    private static long currentMicros() {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    synchronized Histogram statusLatency() {
        return statusLatency.copy();
    }

    synchronized Histogram alertLatency() {
        return alertLatency.copy();
    }

    long statusRecords() {
        return statusRecords.get();
    }

    long alertRecords() {
        return alertRecords.get();
    }

    /**
     * Readings accepted: the sum of the machines' latest reading counts in their statuses, or, when
     * counting in Kafka, the records written to {@code machine-telemetry} since the probe started.
     */
    long acceptedReadings() {
        return countInKafka ? telemetryRecords.get()
                : readingsByMachine.values().stream().mapToLong(Long::longValue).sum();
    }

    private long endOffsets() {
        return offsets.endOffsets(telemetry).values().stream().mapToLong(Long::longValue).sum();
    }

    int machinesSeen() {
        return readingsByMachine.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
