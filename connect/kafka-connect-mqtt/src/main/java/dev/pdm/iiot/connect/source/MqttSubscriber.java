package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.connect.config.MqttSourceConfig;
import dev.pdm.iiot.bridge.TopicFilters;
import dev.pdm.iiot.connect.mqtt.AckSequencer;
import dev.pdm.iiot.connect.mqtt.Backoff;
import dev.pdm.iiot.connect.mqtt.MqttClients;
import dev.pdm.iiot.connect.mqtt.MqttConnection;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One persistent MQTT session of a source task on one broker: subscribes (again after every
 * reconnection), hands every message to the task's queue, and acknowledges it to the broker only
 * when the task says its Kafka record is stored, in arrival order ({@link AckSequencer}).
 */
final class MqttSubscriber implements MqttConnection.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSubscriber.class);

    private final int index;
    private final String serverUri;
    private final String clientId;
    private final MqttSourceConfig config;
    private final String shareGroup;
    private final BlockingQueue<ReceivedMessage> queue;
    private final SourceCounters counters;
    private final Clock clock;
    private final Map<String, String> partition;
    private final AtomicLong seq;
    private final AckSequencer sequencer;
    private MqttConnection connection;
    private volatile boolean closed;

    MqttSubscriber(final int index, final String serverUri, final String clientId, final MqttSourceConfig config,
                   final String shareGroup, final BlockingQueue<ReceivedMessage> queue, final long lastSeq,
                   final SourceCounters counters, final Clock clock) {
        this.index = index;
        this.serverUri = serverUri;
        this.clientId = clientId;
        this.config = config;
        this.shareGroup = shareGroup;
        this.queue = queue;
        this.counters = counters;
        this.clock = clock;
        this.partition = SourceOffsets.partition(serverUri, clientId);
        this.seq = new AtomicLong(lastSeq);
        this.sequencer = new AckSequencer(this::sendAck);
    }

    /** Connects (failing on errors no retry can fix) and subscribes. */
    void start() {
        final MqttConnectionOptions options = MqttClients.options(config, serverUri);
        options.setCleanStart(config.cleanStart());
        options.setSessionExpiryInterval(config.sessionExpirySeconds());
        options.setReceiveMaximum(config.receiveMaximum());
        final MqttAsyncClient client = MqttClients.client(serverUri, clientId);
        client.setManualAcks(true);
        connection = new MqttConnection(client, options,
                new Backoff(config.reconnectBackoffMs(), config.reconnectBackoffMaxMs()), this);
        connection.start();
    }

    @Override
    public void onConnecting(final long epoch) {
        final int dropped = sequencer.reset(epoch);
        if (dropped > 0) {
            counters.droppedAcks.add(dropped);
            LOG.info("{}: {} messages were not acknowledged before the connection was lost; the broker "
                    + "redelivers them (downstream may see them twice)", clientId, dropped);
        }
    }

    @Override
    public void onConnected(final MqttAsyncClient client, final long epoch, final boolean sessionPresent)
            throws MqttException {
        final List<String> filters = config.topicFilters();
        final MqttSubscription[] subscriptions = filters.stream()
                .map(f -> new MqttSubscription(TopicFilters.subscription(f, shareGroup), config.qos()))
                .toArray(MqttSubscription[]::new);
        final IMqttToken token = client.subscribe(subscriptions, null, null, new MqttProperties());
        token.waitForCompletion(config.connectionTimeoutSeconds() * 1000L);
        final int[] codes = token.getReasonCodes();
        for (int i = 0; i < subscriptions.length; i++) {
            final int code = codes != null && i < codes.length ? codes[i] : 0x80;
            if (code >= 0x80) {
                throw new MqttException(code);
            }
            if (code < config.qos()) {
                LOG.warn("{}: the broker granted QoS {} instead of {} on {}", clientId, code, config.qos(),
                        subscriptions[i].getTopic());
            }
        }
        LOG.info("{}: subscribed to {} at QoS {}", clientId, List.of(subscriptions).stream()
                .map(MqttSubscription::getTopic).toList(), config.qos());
    }

    @Override
    public void onMessage(final String topic, final MqttMessage message, final long epoch) throws InterruptedException {
        final long n = seq.incrementAndGet();
        final ReceivedMessage received = new ReceivedMessage(index, n, epoch, topic, message.getPayload(),
                message.getQos(), message.isDuplicate(), message.isRetained(), message.getId(), clock.instant());
        counters.received.increment();
        if (message.isDuplicate()) {
            counters.duplicates.increment();
        }
        sequencer.received(n, message.getId(), message.getQos(), epoch);
        while (!queue.offer(received, 100, TimeUnit.MILLISECONDS)) {
            if (closed) {
                return;
            }
        }
    }

    @Override
    public void onConnectionLost(final long epoch, final String reason) {
        LOG.warn("{}: connection to {} lost ({}); reconnecting", clientId, serverUri, reason);
    }

    /** The record of this message is stored in Kafka (or deliberately dropped by a transform). */
    void complete(final long messageSeq) {
        counters.acknowledged.add(sequencer.complete(messageSeq));
    }

    private void sendAck(final int messageId, final int qos) {
        try {
            connection.client().messageArrivedComplete(messageId, qos);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("{}: acknowledgement of message {} not sent ({}); the broker will redeliver it",
                    clientId, messageId, e.toString());
        }
    }

    Map<String, String> partition() {
        return partition;
    }

    int inFlight() {
        return sequencer.inFlight();
    }

    long reconnects() {
        return connection == null ? 0 : connection.reconnects();
    }

    org.apache.kafka.connect.errors.ConnectException fatalError() {
        return connection == null ? null : connection.fatalError();
    }

    String clientId() {
        return clientId;
    }

    @Override
    public void close() {
        closed = true;
        if (connection != null) {
            final int pending = sequencer.inFlight();
            connection.close();
            if (pending > 0) {
                LOG.info("{}: stopped with {} messages not yet acknowledged; the broker keeps them in the "
                        + "session and redelivers them", clientId, pending);
            }
        }
    }
}
