package dev.pdm.iiot.localstack.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends records numbered 0, 1, 2, … (key and value: the number) at a steady rate from its own
 * thread, idempotently with {@code acks=all}, and keeps every number the cluster acknowledged,
 * with the partition and the time of each acknowledgement.
 */
final class NumberedProducer implements AutoCloseable {

    /** One acknowledgement: record number, partition, {@link System#nanoTime()} when it came. */
    record Ack(long number, int partition, long nanos) {
    }

    private static final long TICK_MILLIS = 10;

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int recordsPerTick;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "numbered-producer"));
    private final AtomicLong next = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();

    /** @param recordsPerSecond a multiple of 100 */
    NumberedProducer(final String bootstrapServers, final String topic, final int recordsPerSecond) {
        this.topic = topic;
        this.recordsPerTick = recordsPerSecond / 100;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new StringSerializer());
    }

    void start() {
        sender.scheduleAtFixedRate(this::sendTick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops sending and waits until every record sent is acknowledged or failed. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sender.shutdownNow();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
        producer.close(Duration.ofSeconds(30));
    }

    long sent() {
        return next.get();
    }

    Set<Long> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<Exception> failures() {
        return List.copyOf(failures);
    }

    /** The first acknowledgement for {@code partition} that came after {@code nanos}. */
    OptionalLong firstAckAfter(final int partition, final long nanos) {
        return acks.stream().filter(ack -> ack.partition() == partition && ack.nanos() > nanos)
                .mapToLong(Ack::nanos).min();
    }

    private void sendTick() {
        for (int i = 0; i < recordsPerTick; i++) {
            final long number = next.getAndIncrement();
            final String text = String.valueOf(number);
            producer.send(new ProducerRecord<>(topic, text, text), (metadata, exception) -> {
                if (exception == null) {
                    acknowledged.add(number);
                    acks.add(new Ack(number, metadata.partition(), System.nanoTime()));
                } else {
                    failures.add(exception);
                }
            });
        }
    }
}
