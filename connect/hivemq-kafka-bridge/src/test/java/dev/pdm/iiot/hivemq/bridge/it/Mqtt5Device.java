package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A device speaking MQTT 5 (Paho): a refused reading comes back with a reason code and is published
 * again. It reconnects itself every half second while disconnected: Paho 1.2.5's automatic reconnect
 * doubles its delay without the maximum it is given (1, 2, 4, … 64 s), which would make a test wait
 * minutes for a device after a broker restart.
 */
final class Mqtt5Device extends Device {

    private static final long RECONNECT_NANOS = 500_000_000L;

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private volatile long lastAttempt;

    Mqtt5Device(final String uri, final String machine, final int window, final boolean persistentSession)
            throws MqttException {
        super(machine, window);
        client = new MqttAsyncClient(uri, "device-" + machine, new MemoryPersistence());
        client.setCallback(new Callback());
        options.setSocketFactory(NoDelaySocketFactory.plain());
        options.setCleanStart(!persistentSession);
        options.setSessionExpiryInterval(persistentSession ? 3600L : 0L);
        options.setConnectionTimeout(5);
        client.connect(options).waitForCompletion(30_000);
        options.setCleanStart(false);
    }

    @Override
    protected boolean send(final long seq, final byte[] payload) {
        try {
            client.publish(topic, new MqttMessage(payload, 1, false, null), seq, new MqttActionListener() {
                @Override
                public void onSuccess(final IMqttToken token) {
                    final int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        refused(seq);
                    } else {
                        acknowledged(seq);
                    }
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
        if (client.isConnected()) {
            return true;
        }
        final long now = System.nanoTime();
        if (now - lastAttempt > RECONNECT_NANOS) {
            lastAttempt = now;
            try {
                client.connect(options);
            } catch (MqttException e) {
                // still connecting, or the broker is away: the next pump tries again
            }
        }
        return false;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(0).waitForCompletion(10_000);
        }
        client.close(true);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(final MqttDisconnectResponse response) {
            connectionLost();
        }

        @Override
        public void mqttErrorOccurred(final MqttException exception) {
        }

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
        }

        @Override
        public void deliveryComplete(final IMqttToken token) {
        }

        @Override
        public void connectComplete(final boolean reconnect, final String serverURI) {
            pump();
        }

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
        }
    }
}
