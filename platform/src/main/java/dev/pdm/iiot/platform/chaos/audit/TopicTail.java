package dev.pdm.iiot.platform.chaos.audit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * Reads a whole topic from its beginning, as it grows, with a {@code read_committed} consumer on a
 * thread of its own (no consumer group, nothing committed), and hands every record to a handler on
 * that thread, partition by partition in offset order. A topic that does not exist yet is waited
 * for. {@link #awaitCaughtUp} waits until every record committed when it is called has been
 * handled. A handler that throws stops the tail; the failure is reported by
 * {@link #awaitCaughtUp} and {@link #close}.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** The end offsets of partitions, as a {@code read_committed} reader sees them. */
    @FunctionalInterface
    public interface EndOffsets {
        Map<TopicPartition, Long> of(Collection<TopicPartition> partitions);
    }

    private final String topic;
    private final Consumer<byte[], byte[]> consumer;
    private final EndOffsets endOffsets;
    private final java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final Thread reader;
    private final Object progress = new Object();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile List<TopicPartition> partitions = List.of();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long handled;

    /**
     * @param clientProperties the Kafka client settings (at least {@code bootstrap.servers}, and the
     *                         security settings when the cluster has any)
     */
    public TopicTail(final Map<String, Object> clientProperties, final String topic,
                     final java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        this(topic, newConsumer(clientProperties), partitions -> {
            try (Consumer<byte[], byte[]> probe = newConsumer(clientProperties)) {
                return probe.endOffsets(partitions, Duration.ofSeconds(30));
            }
        }, handler);
    }

    /** A tail on a given consumer (which it owns and closes) and way to find end offsets. */
    TopicTail(final String topic, final Consumer<byte[], byte[]> consumer, final EndOffsets endOffsets,
              final java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        this.topic = topic;
        this.consumer = consumer;
        this.endOffsets = endOffsets;
        this.handler = handler;
        this.reader = new Thread(this::read, "tail-" + topic);
        this.reader.setDaemon(true);
    }

    private static Consumer<byte[], byte[]> newConsumer(final Map<String, Object> clientProperties) {
        final Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // waiting for a topic must not create it (a changelog made with the wrong partitions stops Kafka Streams)
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // a run kills Kafka nodes: follow the new leaders within seconds, so that what the tail sees
        // late is the platform's delay, not its own
        config.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        config.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public TopicTail start() {
        reader.start();
        return this;
    }

    public String topic() {
        return topic;
    }

    /** Records handed to the handler so far. */
    public long handled() {
        return handled;
    }

    /**
     * Waits until the tail has read every partition up to the end offsets it has at the time of the
     * call (the last stable offsets: every committed record).
     *
     * @throws TimeoutException     with the partitions behind and by how much, when it does not get there in time
     * @throws IllegalStateException when the tail stopped on a failure
     */
    public void awaitCaughtUp(final Duration timeout) throws TimeoutException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (partitions.isEmpty() && failure == null) {
                if (!waitUntil(deadline)) {
                    throw new TimeoutException("topic " + topic + " has no partitions yet after " + timeout);
                }
            }
        }
        checkFailure();
        final Map<TopicPartition, Long> ends = endOffsets.of(partitions);
        synchronized (progress) {
            while (!behind(ends).isEmpty()) {
                checkFailure();
                if (!waitUntil(deadline)) {
                    throw new TimeoutException("the tail of " + topic + " did not catch up within " + timeout
                            + "; partition: [position, end] " + behind(ends));
                }
            }
        }
        checkFailure();
    }

    private boolean waitUntil(final long deadline) throws InterruptedException {
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        progress.wait(Math.max(1, Math.min(left / 1_000_000, POLL.toMillis())));
        return true;
    }

    /** The partitions not yet read up to their end, with position and end. */
    private Map<Integer, List<Long>> behind(final Map<TopicPartition, Long> ends) {
        final Map<Integer, List<Long>> behind = new TreeMap<>();
        ends.forEach((partition, end) -> {
            final long position = positions.getOrDefault(partition, 0L);
            if (position < end) {
                behind.put(partition.partition(), List.of(position, end));
            }
        });
        return behind;
    }

    private void checkFailure() {
        final Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("the tail of " + topic + " stopped: " + f, f);
        }
    }

    /** Stops reading; rethrows what stopped the tail earlier, if anything did. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        if (reader.isAlive()) {
            reader.join(30_000);
        } else if (reader.getState() == Thread.State.NEW) {
            consumer.close();
        }
        checkFailure();
    }

    private void read() {
        try {
            final List<TopicPartition> assigned = awaitPartitions();
            if (assigned.isEmpty()) {
                return;
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            synchronized (progress) {
                partitions = assigned;
            }
            LOG.info("reading {} from its beginning ({} partitions)", topic, assigned.size());
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    handler.accept(record);
                    handled++;
                }
                final Map<TopicPartition, Long> now = new HashMap<>();
                for (final TopicPartition partition : assigned) {
                    now.put(partition, consumer.position(partition));
                }
                synchronized (progress) {
                    positions.putAll(now);
                    progress.notifyAll();
                }
            }
        } catch (WakeupException stopping) {
            // close() asked
        } catch (RuntimeException | Error e) {
            if (running) {
                LOG.error("the tail of {} stopped", topic, e);
                failure = e;
            }
        } finally {
            synchronized (progress) {
                progress.notifyAll();
            }
            consumer.close();
        }
    }

    /** The topic's partitions, once it exists; empty when closed before. */
    private List<TopicPartition> awaitPartitions() {
        while (running) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            }
            LOG.debug("{} does not exist yet", topic);
            synchronized (progress) {
                try {
                    progress.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
        }
        return List.of();
    }
}
