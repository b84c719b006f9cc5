package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Receives the alert topic on every MQTT node (HiveMQ CE nodes share no subscriptions, so each
 * has a subscriber of its own) and keeps each message as the alert state it is
 * ({@link AlertIdentity}), per node. Each subscriber is MQTT 5 at QoS 1 with a persistent session
 * that outlives a reconnect by {@code sessionExpiry}. Thread-safe.
 */
public final class MqttAlertCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttAlertCapture.class);

    private final List<AlertSubscriber> subscribers = new ArrayList<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "mqtt-alert-capture-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param nodes          the MQTT nodes' URIs ({@code tcp://host:1883})
     * @param clientIdPrefix client ids are the prefix, a dash and the node's index
     * @param topicFilter    the alert topic ({@code MqttTopics.ALERTS})
     * @param format         what the alert sink publishes ({@link AlertIdentity#sinkFormat()})
     */
    public MqttAlertCapture(final List<String> nodes, final String username, final String password,
                            final String clientIdPrefix, final String topicFilter, final PayloadFormat format,
                            final Duration sessionExpiry) throws MqttException {
        for (int i = 0; i < nodes.size(); i++) {
            subscribers.add(new AlertSubscriber(nodes.get(i), clientIdPrefix + "-" + i, username, password,
                    topicFilter, format, sessionExpiry));
        }
    }

    /** Connects every subscriber (each retried until {@code timeout}) and starts watching their connections. */
    public MqttAlertCapture start(final Duration timeout) throws MqttException, InterruptedException {
        for (final AlertSubscriber subscriber : subscribers) {
            subscriber.connect(timeout);
        }
        watchdog.scheduleWithFixedDelay(() -> subscribers.forEach(AlertSubscriber::watch), 5, 5, TimeUnit.SECONDS);
        LOG.info("receiving alerts from {} MQTT nodes", subscribers.size());
        return this;
    }

    /** Per node URI, the alert states received so far. */
    public Map<String, Set<AlertIdentity>> seenByNode() {
        final Map<String, Set<AlertIdentity>> seen = new LinkedHashMap<>();
        subscribers.forEach(s -> seen.put(s.node(), s.seen()));
        return seen;
    }

    /** Messages received, all nodes. */
    public long messages() {
        return subscribers.stream().mapToLong(AlertSubscriber::messages).sum();
    }

    /** Messages that were not an alert, all nodes. */
    public long unreadable() {
        return subscribers.stream().mapToLong(AlertSubscriber::unreadable).sum();
    }

    /** Whether every subscriber is connected now. */
    public boolean allConnected() {
        return subscribers.stream().allMatch(AlertSubscriber::isConnected);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        subscribers.forEach(AlertSubscriber::close);
    }
}
