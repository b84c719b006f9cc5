package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.bridge.BridgeConverter;
import dev.pdm.iiot.bridge.MqttHeaders;
import dev.pdm.iiot.bridge.RejectionLog;
import dev.pdm.iiot.connect.Version;
import dev.pdm.iiot.connect.config.MqttSourceConfig;
import dev.pdm.iiot.connect.metrics.TaskMetrics;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bridges MQTT messages into Kafka at least once. Each message is acknowledged to the broker only
 * after Kafka acknowledged its record ({@link #commitRecord}); until then the broker's persistent
 * session holds it, and redelivers it after a crash, a restart or a lost connection.
 */
public final class MqttSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceTask.class);

    private final Clock clock;
    private final List<MqttSubscriber> subscribers = new ArrayList<>();
    private final Map<Map<String, ?>, MqttSubscriber> byPartition = new HashMap<>();
    private final SourceCounters counters = new SourceCounters();
    private final AtomicBoolean skipLogged = new AtomicBoolean();
    private MqttSourceConfig config;
    private RecordConverter converter;
    private RejectionLog rejections;
    private BlockingQueue<ReceivedMessage> queue;
    private TaskMetrics metrics;

    public MqttSourceTask() {
        this(Clock.systemUTC());
    }

    MqttSourceTask(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        config = new MqttSourceConfig(props);
        final TaskAssignment assignment = TaskAssignment.of(props);
        rejections = new RejectionLog(config.dlqTopic());
        converter = new RecordConverter(new BridgeConverter(config.bridgeSettings(), rejections, clock));
        final int sessions = assignment.serverUris().size();
        queue = new ArrayBlockingQueue<>(Math.max(config.batchMax() * 2, Math.min(config.receiveMaximum(), 10_000) * sessions));
        final String group = config.sharedSubscription() ? config.shareGroup("kafka-connect") : null;
        warnAboutWeakSettings();
        try {
            for (int i = 0; i < sessions; i++) {
                final String uri = assignment.serverUris().get(i);
                final String clientId = assignment.clientIds().get(i);
                final long last = SourceOffsets.receivedOf(context.offsetStorageReader()
                        .offset(SourceOffsets.partition(uri, clientId)));
                final MqttSubscriber subscriber = new MqttSubscriber(i, uri, clientId, config, group, queue, last,
                        counters, clock);
                subscribers.add(subscriber);
                byPartition.put(subscriber.partition(), subscriber);
                subscriber.start();
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        metrics = counters.metrics(rejections::total, this::inFlight, this::reconnects);
        metrics.register(context.pluginMetrics());
        LOG.info("MQTT source task started: sessions {} on {}, filters {}, QoS {}, to {} (rejects to {}), validation {}",
                assignment.clientIds(), assignment.serverUris(), config.topicFilters(), config.qos(),
                config.kafkaTopic(), config.dlqTopic(), config.validation() ? "on" : "off");
    }

    private void warnAboutWeakSettings() {
        if (config.cleanStart() || config.sessionExpirySeconds() == 0) {
            LOG.warn("{}={} and {}={}: the broker forgets this task's session when it disconnects, so messages "
                    + "published while it is away are lost", MqttSourceConfig.CLEAN_START, config.cleanStart(),
                    MqttSourceConfig.SESSION_EXPIRY, config.sessionExpirySeconds());
        }
        if (config.qos() == 0) {
            LOG.warn("{}=0: the broker does not redeliver QoS 0 messages; delivery is at most once",
                    MqttSourceConfig.QOS);
        } else if (config.qos() == 2) {
            LOG.warn("{}=2: the broker hands a QoS 2 message over before Kafka stored it, so a crashed task can "
                    + "lose it; QoS 1 is the at-least-once setting", MqttSourceConfig.QOS);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        for (final MqttSubscriber subscriber : subscribers) {
            final ConnectException fatal = subscriber.fatalError();
            if (fatal != null) {
                throw fatal;
            }
        }
        final ReceivedMessage first = queue.poll(config.pollTimeoutMs(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        final List<ReceivedMessage> batch = new ArrayList<>(Math.min(config.batchMax(), queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, config.batchMax() - 1);
        final List<SourceRecord> records = new ArrayList<>(batch.size());
        for (final ReceivedMessage message : batch) {
            final MqttSubscriber subscriber = subscribers.get(message.subscriber());
            records.add(converter.convert(message, subscriber.partition(), SourceOffsets.offset(message.seq())));
        }
        return records;
    }

    /**
     * Kafka acknowledged the record, or it was not written: metadata is null when a transform dropped
     * it or Kafka refused it and {@code errors.tolerance=all} skipped it. Either way its MQTT message,
     * and every one received before it that is done too, is acknowledged: a message whose record can
     * never be written must not stay in the session to be redelivered (and refused) forever, nor hold
     * back the in-order acknowledgements of every message after it.
     */
    @Override
    public void commitRecord(final SourceRecord record, final RecordMetadata metadata) {
        final MqttSubscriber subscriber = byPartition.get(record.sourcePartition());
        if (subscriber == null) {
            return;
        }
        if (metadata == null) {
            skipped(record);
        } else if (converter.dlqTopic().equals(metadata.topic())) {
            counters.deadLettered.increment();
        } else {
            counters.forwarded.increment();
        }
        subscriber.complete(SourceOffsets.receivedOf(castOffset(record.sourceOffset())));
    }

    private void skipped(final SourceRecord record) {
        counters.skipped.increment();
        final Header topic = record.headers().lastWithName(MqttHeaders.TOPIC);
        if (skipLogged.compareAndSet(false, true)) {
            LOG.warn("A record for {} (MQTT topic {}, offset {}) was not written: Kafka refused it and "
                            + "errors.tolerance=all skipped it (with errors.log.enable=true the worker logs why), or a "
                            + "transform dropped it. Its MQTT message is acknowledged all the same; further skipped "
                            + "records are counted in mqtt-messages-skipped-total and logged at DEBUG only", record.topic(),
                    topic == null ? "?" : topic.value(), record.sourceOffset());
        } else {
            LOG.debug("A record for {} (MQTT topic {}, offset {}) was not written; its MQTT message is acknowledged",
                    record.topic(), topic == null ? "?" : topic.value(), record.sourceOffset());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castOffset(final Map<String, ?> offset) {
        return (Map<String, Object>) offset;
    }

    private long inFlight() {
        return subscribers.stream().mapToLong(MqttSubscriber::inFlight).sum();
    }

    private long reconnects() {
        return subscribers.stream().mapToLong(MqttSubscriber::reconnects).sum();
    }

    /** One of the task's broker sessions, by index: for tests. */
    MqttSubscriber subscriber(final int index) {
        return subscribers.get(index);
    }

    /** The task's counters: for tests and the metrics. */
    public SourceCounters counters() {
        return counters;
    }

    @Override
    public void stop() {
        for (final MqttSubscriber subscriber : subscribers) {
            subscriber.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (queue != null && !queue.isEmpty()) {
            LOG.info("MQTT source task stopped with {} received messages not yet polled; the broker redelivers them",
                    queue.size());
        }
        LOG.info("MQTT source task stopped: received {}, forwarded {}, dead-lettered {}, skipped {}, duplicates {}, "
                        + "acknowledged {}", counters.received(), counters.forwarded(), counters.deadLettered(),
                counters.skipped(), counters.duplicates(), counters.acknowledged());
    }
}
