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

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    AlertSubscriber(final String uri, final String clientId, final String filter, final int qos) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(this);
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(NoDelaySocketFactory.plain());
        client.connect(options).waitForCompletion(30_000);
        client.subscribe(filter, qos).waitForCompletion(30_000);
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
