package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.events.KafkaTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the platform's readings (the contract's JSON, key = machine id) for a fleet of healthy
 * machines at a steady rate from its own thread, the machines in turn, each with its own {@code seq}
 * 0, 1, 2, …; idempotent with {@code acks=all}. Keeps every reading the cluster acknowledged as
 * {@code machine:seq}.
 */
final class ReadingProducer implements AutoCloseable {

    private static final long TICK_MILLIS = 10;

    private final KafkaProducer<String, String> producer;
    private final int machines;
    private final int readingsPerTick;
    private final long[] nextSeq;
    private final Random noise = new Random(42);
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "reading-producer"));
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
    private int turn;

    /** @param readingsPerSecond a multiple of 100 */
    ReadingProducer(final String bootstrapServers, final int machines, final int readingsPerSecond) {
        this.machines = machines;
        this.readingsPerTick = readingsPerSecond / 100;
        this.nextSeq = new long[machines];
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // one request at a time: a retried first batch to a partition must not be overtaken (KAFKA-15591)
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new StringSerializer());
    }

    static String machineId(final int index) {
        return String.format(Locale.ROOT, "CRASH_%03d", index);
    }

    void start() {
        sender.scheduleAtFixedRate(this::sendTick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops sending and waits until every reading sent is acknowledged or failed. */
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
        return sent.get();
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Every acknowledged reading as {@code machine:seq}. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<Exception> failures() {
        return List.copyOf(failures);
    }

    private void sendTick() {
        for (int i = 0; i < readingsPerTick; i++) {
            final int machine = turn;
            turn = (turn + 1) % machines;
            final long seq = nextSeq[machine]++;
            final String id = machineId(machine);
            final String reading = reading(id, seq, Instant.now());
            sent.incrementAndGet();
            producer.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, id, reading), (metadata, exception) -> {
                if (exception == null) {
                    acknowledged.add(id + ":" + seq);
                } else {
                    failures.add(exception);
                }
            });
        }
    }

    /** A healthy machine's reading: every sensor near its usual value. */
    private String reading(final String machineId, final long seq, final Instant at) {
        return String.format(Locale.ROOT, "{\"machine_id\":\"%s\",\"timestamp\":\"%s\",\"schema_version\":1,"
                        + "\"seq\":%d,\"temperature\":%.3f,\"vibration\":%.4f,\"current\":%.3f,\"pressure\":%.4f,"
                        + "\"rpm\":%.2f}", machineId, at, seq, 65 + noise.nextGaussian(),
                2 + 0.1 * noise.nextGaussian(), 10 + 0.4 * noise.nextGaussian(), 6 + 0.05 * noise.nextGaussian(),
                1500 + 10 * noise.nextGaussian());
    }
}
