package dev.pdm.iiot.localstack.support;

import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A Paho MQTT v5 client for tests that collects every message it receives. */
public final class MqttTestClient implements AutoCloseable {

    private final MqttClient client;
    private final MqttConnectionOptions options;
    private final Queue<String> received = new ConcurrentLinkedQueue<>();

    private MqttTestClient(final String uri, final String clientId, final MqttConnectionOptions options)
            throws MqttException {
        this.client = new MqttClient(uri, clientId, new MemoryPersistence());
        this.options = options;
        client.setCallback(new Collector());
    }

    /** A clean session that ends with the connection. */
    public static MqttTestClient connectClean(final String uri, final String clientId) throws MqttException {
        final MqttConnectionOptions options = baseOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        return connect(uri, clientId, options);
    }

    /** A persistent session: kept by the broker for an hour after a disconnect, queued messages included. */
    public static MqttTestClient connectPersistent(final String uri, final String clientId) throws MqttException {
        final MqttConnectionOptions options = baseOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3_600L);
        return connect(uri, clientId, options);
    }

    /** A persistent session that reconnects by itself when the broker goes away and comes back. */
    public static MqttTestClient connectReconnecting(final String uri, final String clientId) throws MqttException {
        final MqttConnectionOptions options = baseOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3_600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        return connect(uri, clientId, options);
    }

    private static MqttTestClient connect(final String uri, final String clientId,
                                          final MqttConnectionOptions options) throws MqttException {
        final MqttTestClient testClient = new MqttTestClient(uri, clientId, options);
        testClient.client.connect(options);
        return testClient;
    }

    private static MqttConnectionOptions baseOptions() {
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(NoDelaySocketFactory.plain());
        options.setConnectionTimeout(10);
        return options;
    }

    public void subscribe(final String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    /** Publishes at QoS 1 and returns once the broker acknowledged it. */
    public void publish(final String topic, final String payload) throws MqttException {
        final MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    /** Connects again with the options of the first connect (a persistent session resumes). */
    public void reconnect() throws MqttException {
        client.connect(options);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Payloads received so far, in arrival order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    public void disconnect() throws MqttException {
        client.disconnect();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(1_000);
        }
        client.close(true);
    }

    private final class Collector implements MqttCallback {

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
            received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(final MqttDisconnectResponse response) {
            // the test looks at isConnected()
        }

        @Override
        public void mqttErrorOccurred(final MqttException exception) {
            // surfaces through the next operation
        }

        @Override
        public void deliveryComplete(final IMqttToken token) {
            // publish() waits for the acknowledgement itself
        }

        @Override
        public void connectComplete(final boolean reconnect, final String serverUri) {
            // the test looks at isConnected()
        }

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
