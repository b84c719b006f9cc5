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

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A device speaking MQTT 3.1.1 (Paho), as the prototype's devices do: MQTT 3 has no reason codes,
 * so the broker refuses a reading by disconnecting; the client reconnects to its persistent session
 * and sends the unacknowledged readings again itself.
 *
 * <p>Paho 1.2.5's automatic reconnect gives up for good when a reconnect attempt fails before it
 * reaches the network (its attempt logs the exception and schedules no other); seen once in a run
 * of this test's outage, a device then stayed disconnected after Kafka was back. A device that has
 * been disconnected for {@link #STALLED} asks for a reconnect itself, as a careful device does.
 */
final class Mqtt3Device extends Device {

    static final Duration STALLED = Duration.ofSeconds(10);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "mqtt3-device-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final MqttAsyncClient client;
    private final ScheduledFuture<?> watchdog;
    private volatile long disconnectedSince;

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
        watchdog = WATCHDOG.scheduleWithFixedDelay(this::reconnectIfStalled, 2, 2, TimeUnit.SECONDS);
    }

    private void reconnectIfStalled() {
        if (client.isConnected()) {
            disconnectedSince = 0;
            return;
        }
        final long now = System.nanoTime();
        if (disconnectedSince == 0) {
            disconnectedSince = now;
        } else if (now - disconnectedSince >= STALLED.toNanos()) {
            disconnectedSince = now;
            try {
                client.reconnect();
            } catch (MqttException e) {
                // connecting or closing already: the next check looks again
            }
        }
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
        watchdog.cancel(false);
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
