package dev.pdm.iiot.connect.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdm.iiot.connect.Version;
import dev.pdm.iiot.connect.config.MqttSinkConfig;
import dev.pdm.iiot.connect.config.TopicTemplate;
import dev.pdm.iiot.connect.metrics.TaskMetrics;
import dev.pdm.iiot.connect.mqtt.Backoff;
import dev.pdm.iiot.connect.mqtt.MqttClients;
import dev.pdm.iiot.connect.mqtt.MqttConnection;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes records (alerts from {@code machine-alerts}) to MQTT at least once: Connect commits a
 * record's offset only once the broker acknowledged its publish (PUBACK at QoS 1, PUBCOMP at QoS 2;
 * see {@link #preCommit}). A failed or unacknowledged publish rewinds the task to its oldest
 * unacknowledged record, which is published again. The session is clean, and every reconnection uses
 * a new client: Kafka's offsets, not the MQTT session, are what survive a restart.
 */
public final class MqttSinkTask extends SinkTask {

    /** Task config key: the task's MQTT client id, set by the connector. */
    public static final String TASK_CLIENT_ID = "task.mqtt.client.id";

    private static final Logger LOG = LoggerFactory.getLogger(MqttSinkTask.class);

    private final PublishTracker tracker = new PublishTracker();
    private final SinkCounters counters = new SinkCounters();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private MqttSinkConfig config;
    private AlertPayloadMapper mapper;
    private TopicTemplate template;
    private MqttConnection connection;
    private volatile Semaphore permits;
    private TaskMetrics metrics;
    private boolean warnedTombstone;
    private volatile boolean connectedBefore;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        config = new MqttSinkConfig(props);
        mapper = new AlertPayloadMapper(config.payloadFormat());
        template = config.topicTemplate();
        permits = new Semaphore(config.maxInFlight());
        final String clientId = props.getOrDefault(TASK_CLIENT_ID, config.clientIdPrefix("mqtt-sink") + "-0");
        final MqttConnectionOptions options = MqttClients.options(config, config.serverUri());
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        final MqttAsyncClient client = MqttClients.client(config.serverUri(), clientId);
        connection = new MqttConnection(client, () -> MqttClients.client(config.serverUri(), clientId), options,
                new Backoff(config.reconnectBackoffMs(), config.reconnectBackoffMaxMs()), new PublisherListener(this));
        connection.start();
        metrics = counters.metrics(tracker::waiting, connection::reconnects);
        metrics.register(context.pluginMetrics());
        if (config.qos() == 0) {
            LOG.warn("{}=0: the broker does not acknowledge QoS 0 publishes, so delivery is at most once",
                    MqttSinkConfig.QOS);
        }
        LOG.info("MQTT sink task started as {} on {}: to {} at QoS {}, payload {}", clientId, config.serverUri(),
                template, config.qos(), config.payloadFormat().configValue());
    }

    @Override
    public void put(final Collection<SinkRecord> records) {
        final ConnectException fatal = connection.fatalError();
        if (fatal != null) {
            throw fatal;
        }
        if (recover(records) || records.isEmpty()) {
            return;
        }
        try {
            if (!connection.awaitConnected(config.connectionTimeoutSeconds() * 1000L)) {
                rewind(records, "not connected to " + config.serverUri());
                return;
            }
            final List<SinkRecord> batch = List.copyOf(records);
            for (int i = 0; i < batch.size(); i++) {
                final String problem = publish(batch.get(i));
                if (problem != null) {
                    // this record and every later one of the batch, of whatever partition, is published again
                    rewind(batch.subList(i, batch.size()), problem);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rewind(records, "interrupted");
        }
    }

    /**
     * After a failed publish, a lost connection or an acknowledgement overdue, rewinds to the oldest
     * unacknowledged record (and the batch at hand); called from {@link #put} and {@link #preCommit},
     * so that a task with no new records recovers too.
     *
     * @return whether it rewound
     */
    private boolean recover(final Collection<SinkRecord> batch) {
        final Throwable failed = failure.get();
        final boolean overdue = tracker.anyOlderThan(System.currentTimeMillis(), config.ackTimeoutMs());
        if (failed == null && !overdue) {
            return false;
        }
        if (tracker.waiting() == 0) {
            // nothing unacknowledged: nothing to publish again, and the batch at hand is still to come
            failure.compareAndSet(failed, null);
            return false;
        }
        rewind(batch, failed != null ? failed.toString() : "no acknowledgement within " + config.ackTimeoutMs() + " ms");
        return true;
    }

    /** @return null when published (or handed to error handling), else why it could not be */
    private String publish(final SinkRecord record) throws InterruptedException {
        final TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
        final long offset = record.kafkaOffset();
        if (record.value() == null) {
            skip(tp, offset);
            if (!warnedTombstone) {
                warnedTombstone = true;
                LOG.warn("A record without a value on {} was not published (such records are counted, not logged "
                        + "again)", tp);
            }
            return null;
        }
        final String topic;
        final byte[] payload;
        try {
            final byte[] value = AlertPayloadMapper.bytesOf(record.value());
            final ObjectNode tree = mapper.needsTree() || !isConstant() ? AlertPayloadMapper.treeOf(value) : null;
            topic = template.render(placeholders(record, tree));
            payload = mapper.payloadOf(value, tree);
        } catch (DataException | IllegalArgumentException e) {
            report(record, e);
            skip(tp, offset);
            return null;
        }
        final Semaphore window = permits;
        if (!window.tryAcquire(config.ackTimeoutMs(), TimeUnit.MILLISECONDS)) {
            return "no acknowledgement within " + config.ackTimeoutMs() + " ms";
        }
        final long generation = tracker.generation();
        tracker.sent(tp, offset, System.currentTimeMillis());
        final MqttMessage message = new MqttMessage(payload, config.qos(), config.retain(), null);
        try {
            connection.client().publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(final IMqttToken token) {
                    window.release();
                    counters.acknowledged.increment();
                    tracker.done(tp, offset, generation);
                }

                @Override
                public void onFailure(final IMqttToken token, final Throwable exception) {
                    window.release();
                    failure.compareAndSet(null, exception);
                }
            });
            counters.published.increment();
            return null;
        } catch (MqttException | RuntimeException e) {
            window.release();
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    private boolean isConstant() {
        return !template.uses("{");
    }

    private void skip(final TopicPartition tp, final long offset) {
        tracker.sent(tp, offset, System.currentTimeMillis());
        tracker.done(tp, offset, tracker.generation());
    }

    private static Map<String, String> placeholders(final SinkRecord record, final JsonNode alert) {
        final Map<String, String> values = new HashMap<>();
        values.put("{kafkaTopic}", record.topic());
        String machineId = record.key() == null ? null : String.valueOf(record.key() instanceof byte[] b
                ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : record.key());
        if (machineId == null && alert != null && alert.hasNonNull("machine_id")) {
            machineId = alert.get("machine_id").asText();
        }
        if (machineId != null) {
            values.put("{machineId}", machineId);
        }
        if (alert != null && alert.hasNonNull("severity")) {
            values.put("{severity}", alert.get("severity").asText());
        }
        return values;
    }

    private void report(final SinkRecord record, final RuntimeException e) {
        counters.failed.increment();
        final ErrantRecordReporter reporter = context.errantRecordReporter();
        if (reporter == null) {
            throw new DataException("record " + record.topic() + "-" + record.kafkaPartition() + "@"
                    + record.kafkaOffset() + " cannot be published: " + e.getMessage()
                    + " (set errors.tolerance=all and errors.deadletterqueue.topic.name to route such records aside)", e);
        }
        LOG.debug("Reporting record {}-{}@{}: {}", record.topic(), record.kafkaPartition(), record.kafkaOffset(),
                e.getMessage());
        reporter.report(record, e);
    }

    private void rewind(final Collection<SinkRecord> batch, final String reason) {
        final Map<TopicPartition, Long> to = tracker.oldestPending();
        for (final SinkRecord record : batch) {
            to.merge(new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset(), Math::min);
        }
        applyRewind(to, reason);
    }

    private void applyRewind(final Map<TopicPartition, Long> to, final String reason) {
        tracker.rewound(to);
        failure.set(null);
        counters.retries.increment();
        context.offset(to);
        LOG.warn("Publishing failed ({}); rewinding to {} to publish again", reason, to);
    }

    /** Only what the broker acknowledged is committed. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(final Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        recover(List.of());
        return tracker.committable(currentOffsets);
    }

    @Override
    public void close(final Collection<TopicPartition> partitions) {
        tracker.forget(partitions);
    }

    public SinkCounters counters() {
        return counters;
    }

    @Override
    public void stop() {
        if (connection != null) {
            connection.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        LOG.info("MQTT sink task stopped: published {}, acknowledged {}, skipped {}, failed {}, retries {}",
                counters.published(), counters.acknowledged(), counters.skipped(), counters.failed(), counters.retries());
    }

    /**
     * A new connection has a new window: the smaller of {@code mqtt.max.in.flight} and the broker's
     * receive maximum (HiveMQ CE's default is 10), so that Paho never refuses a publish as too many
     * in flight. Publishes of the old connection were failed by Paho (clean session) and are rewound.
     */
    private void connected(final long epoch, final int serverReceiveMaximum) {
        final int window = Math.max(1, Math.min(config.maxInFlight(), serverReceiveMaximum));
        permits = new Semaphore(window);
        if (connectedBefore) {
            failure.compareAndSet(null, new IllegalStateException("reconnected: publishes of the previous "
                    + "connection are not acknowledged"));
        }
        connectedBefore = true;
        LOG.debug("Publishing with up to {} messages in flight", window);
    }

    /** The sink subscribes to nothing; it sizes its window on every connection. */
    private static final class PublisherListener implements MqttConnection.Listener {
        private final MqttSinkTask task;

        PublisherListener(final MqttSinkTask task) {
            this.task = task;
        }

        @Override
        public void onConnected(final MqttAsyncClient client, final long epoch, final boolean sessionPresent) {
            task.connected(epoch, task.connection == null ? 65_535 : task.connection.serverReceiveMaximum());
        }

        @Override
        public void onMessage(final String topic, final MqttMessage message, final long epoch) {
            // never subscribed
        }
    }
}
