package dev.pdm.iiot.connect.it;

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

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test device fleet's publisher that loses nothing: QoS 1 with a window of unacknowledged
 * messages, and every message that is not acknowledged (the broker was down, the connection broke)
 * published again once the client is reconnected. A message may so reach the broker twice; the
 * tests count such duplicates, they never miss a message.
 */
final class ReliablePublisher implements MqttCallback, AutoCloseable {

    private record Pending(String topic, byte[] payload) {
    }

    private final MqttAsyncClient client;
    private final Map<String, Pending> unacked = new ConcurrentHashMap<>();
    private final BlockingQueue<String> retries = new LinkedBlockingQueue<>();
    private final Semaphore window;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong republished = new AtomicLong();
    private final Object connectedSignal = new Object();
    private final Thread retrier;
    private volatile boolean closed;

    ReliablePublisher(final String uri, final String clientId, final int window) throws MqttException {
        this.window = new Semaphore(window);
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(this);
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        options.setSocketFactory(NoDelaySocketFactory.plain());
        client.connect(options).waitForCompletion(30_000);
        this.retrier = new Thread(this::retryLoop, "publisher-retry-" + clientId);
        retrier.setDaemon(true);
        retrier.start();
    }

    /** Publishes at QoS 1; blocks while the window of unacknowledged messages is full. */
    void publish(final String topic, final String id, final byte[] payload) throws InterruptedException {
        window.acquire();
        unacked.put(id, new Pending(topic, payload));
        send(id);
    }

    private void send(final String id) {
        final Pending pending = unacked.get(id);
        if (pending == null) {
            return;
        }
        try {
            client.publish(pending.topic(), pending.payload(), 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(final IMqttToken token) {
                    if (unacked.remove(id) != null) {
                        acked.incrementAndGet();
                        window.release();
                    }
                }

                @Override
                public void onFailure(final IMqttToken token, final Throwable exception) {
                    retries.add(id);
                }
            });
        } catch (MqttException | RuntimeException e) {
            retries.add(id);
        }
    }

    private void retryLoop() {
        while (!closed) {
            try {
                final String id = retries.poll(200, TimeUnit.MILLISECONDS);
                if (id == null) {
                    continue;
                }
                synchronized (connectedSignal) {
                    while (!client.isConnected() && !closed) {
                        connectedSignal.wait(500);
                    }
                }
                if (unacked.containsKey(id)) {
                    republished.incrementAndGet();
                    send(id);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long acked() {
        return acked.get();
    }

    /** Publishes sent again after a failure: each may reach the broker twice. */
    long republished() {
        return republished.get();
    }

    int unacked() {
        return unacked.size();
    }

    @Override
    public void connectComplete(final boolean reconnect, final String serverURI) {
        synchronized (connectedSignal) {
            connectedSignal.notifyAll();
        }
        if (reconnect) {
            // what was in flight when the connection broke is published again
            unacked.keySet().forEach(retries::add);
        }
    }

    @Override
    public void disconnected(final MqttDisconnectResponse response) {
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
    public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        retrier.interrupt();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } finally {
            client.close(true);
        }
    }
}
