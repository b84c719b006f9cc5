package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A device speaking MQTT 3.1.1 (Paho), as the prototype's devices do: MQTT 3 has no reason codes,
 * so the broker refuses a reading by disconnecting; the client reconnects to its persistent session
 * and sends the unacknowledged readings again itself.
 */
final class Mqtt3Device extends Device {

    private final MqttAsyncClient client;

    Mqtt3Device(final String uri, final String machine, final int window) throws MqttException {
        super(machine, window);
        client = new MqttAsyncClient(uri, "device3-" + machine, new MemoryPersistence());
        client.setCallback(new Callback());
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(NoDelaySocketFactory.plain());
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(2_000);
        options.setMaxInflight(Math.max(10, window));
        options.setConnectionTimeout(10);
        client.connect(options).waitForCompletion(30_000);
    }

    @Override
    protected boolean send(final long seq, final byte[] payload) {
        final MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        try {
            client.publish(topic, message, seq, new IMqttActionListener() {
                @Override
                public void onSuccess(final IMqttToken token) {
                    acknowledged(seq);
                    pump();
                }

                @Override
                public void onFailure(final IMqttToken token, final Throwable cause) {
                    lost(seq);
                }
            });
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    @Override
    protected boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(0).waitForCompletion(10_000);
        }
        client.close();
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectionLost(final Throwable cause) {
            Mqtt3Device.this.connectionLost();
        }

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
        }

        @Override
        public void deliveryComplete(final IMqttDeliveryToken token) {
        }

        @Override
        public void connectComplete(final boolean reconnect, final String serverURI) {
            pump();
        }
    }
}
