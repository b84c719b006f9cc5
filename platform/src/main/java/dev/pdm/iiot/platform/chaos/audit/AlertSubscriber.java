package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MQTT node's subscriber of the alert topic: MQTT 5, QoS 1, a persistent session (clean start
 * off, a session expiry) so that the broker keeps the alerts published while it reconnects, and
 * Paho's automatic reconnect. Subscribes again on every connection (harmless when the session kept
 * the subscription, needed when the broker lost it). Since Paho 1.2.5's automatic reconnect can
 * stop for good, {@link #watch()} reconnects a client that has stayed disconnected.
 */
final class AlertSubscriber implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSubscriber.class);

    private final String node;
    private final String topicFilter;
    private final PayloadFormat format;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Set<AlertIdentity> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile long disconnectedSince;

    AlertSubscriber(final String node, final String clientId, final String username, final String password,
                    final String topicFilter, final PayloadFormat format, final Duration sessionExpiry)
            throws MqttException {
        this.node = node;
        this.topicFilter = topicFilter;
        this.format = format;
        this.client = new MqttAsyncClient(node, clientId, new MemoryPersistence());
        this.client.setCallback(this);
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(sessionExpiry.toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 5);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(10);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
    }

    String node() {
        return node;
    }

    /** Connects, trying again until {@code timeout}; refused credentials fail at once. */
    void connect(final Duration timeout) throws MqttException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                client.connect(options).waitForCompletion(timeout.toMillis());
                return;
            } catch (MqttException e) {
                final int code = e.getReasonCode();
                if (System.nanoTime() > deadline || code == 0x86 || code == 0x87) {
                    throw e;
                }
                LOG.debug("cannot connect to {} yet: {}", node, e.getMessage());
                Thread.sleep(500);
            }
        }
    }

    /** Reconnects when the client has stayed disconnected for longer than Paho's reconnect delay. */
    void watch() {
        final long since = disconnectedSince;
        if (client.isConnected() || since == 0 || System.nanoTime() - since < Duration.ofSeconds(15).toNanos()) {
            return;
        }
        try {
            LOG.info("still disconnected from {}: reconnecting", node);
            disconnectedSince = System.nanoTime();
            client.reconnect();
        } catch (MqttException e) {
            LOG.debug("reconnect to {} failed: {}", node, e.getMessage());
        }
    }

    Set<AlertIdentity> seen() {
        return Set.copyOf(seen);
    }

    long messages() {
        return messages.get();
    }

    long unreadable() {
        return unreadable.get();
    }

    boolean isConnected() {
        return client.isConnected();
    }

    void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(10_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("closing the alert subscriber of {}: {}", node, e.getMessage());
        }
    }

    @Override
    public void connectComplete(final boolean reconnect, final String serverUri) {
        disconnectedSince = 0;
        try {
            client.subscribe(topicFilter, 1);
            LOG.info("{} to {}: subscribed to {}", reconnect ? "reconnected" : "connected", serverUri, topicFilter);
        } catch (MqttException e) {
            LOG.warn("cannot subscribe to {} on {}: {}", topicFilter, serverUri, e.getMessage());
        }
    }

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
        messages.incrementAndGet();
        try {
            final Alert alert = EventJson.readerFor(Alert.class).readValue(message.getPayload());
            seen.add(AlertIdentity.of(alert, format));
        } catch (IOException | RuntimeException e) {
            if (unreadable.getAndIncrement() == 0) {
                LOG.warn("a message on {} from {} is not an alert: {}", topic, node, e.getMessage());
            }
        }
    }

    @Override
    public void disconnected(final MqttDisconnectResponse response) {
        disconnectedSince = System.nanoTime();
        LOG.info("disconnected from {}: {}", node, response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(final MqttException exception) {
        LOG.warn("MQTT error on {}: {}", node, exception.getMessage());
    }

    @Override
    public void deliveryComplete(final IMqttToken token) {
        // publishes nothing
    }

    @Override
    public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
        // no enhanced authentication
    }
}
