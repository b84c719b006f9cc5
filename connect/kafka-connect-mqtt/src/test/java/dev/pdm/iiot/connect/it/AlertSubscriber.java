package dev.pdm.iiot.connect.it;

import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A consumer of alerts, as the prototype's were: subscribed to a topic filter, keeping what arrives. */
final class AlertSubscriber implements MqttCallback, AutoCloseable {

    record Received(String topic, byte[] payload, int qos) {
    }

    /** Paho logs every inbound QoS 2 handshake through java.util.logging at INFO; kept here so it is not collected. */
    private static final java.util.logging.Logger PAHO_LOG = quietPaho();

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    AlertSubscriber(final String uri, final String clientId, final String filter, final int qos) throws MqttException {
        this(uri, clientId, filter, qos, false);
    }

    /**
     * @param persistent keep the session on the broker and reconnect by itself, so that nothing
     *                   published while the broker restarts is lost to this subscriber
     */
    AlertSubscriber(final String uri, final String clientId, final String filter, final int qos,
                    final boolean persistent) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(this);
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(NoDelaySocketFactory.plain());
        if (persistent) {
            options.setCleanStart(false);
            options.setSessionExpiryInterval(600L);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 2);
        }
        client.connect(options).waitForCompletion(30_000);
        client.subscribe(filter, qos).waitForCompletion(30_000);
    }

    private static java.util.logging.Logger quietPaho() {
        final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.eclipse.paho.mqttv5.client");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
        received.add(new Received(topic, message.getPayload(), message.getQos()));
    }

    @Override
    public void disconnected(final MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(final MqttException exception) {
    }

    @Override
    public void deliveryComplete(final IMqttToken token) {
    }

    @Override
    public void connectComplete(final boolean reconnect, final String serverURI) {
    }

    @Override
    public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close(true);
        }
    }
}
