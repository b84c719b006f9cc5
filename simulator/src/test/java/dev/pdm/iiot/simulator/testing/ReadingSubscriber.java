package dev.pdm.iiot.simulator.testing;

import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.TelemetryReading;
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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test subscriber to every machine's readings at QoS 1: records topic, payload and QoS of
 * everything that arrives. With a persistent session it reconnects by itself and the broker keeps
 * its messages while it is away.
 */
public final class ReadingSubscriber implements MqttCallback, AutoCloseable {

    /** One message as it arrived. */
    public record Received(String topic, byte[] payload, int qos, boolean duplicate) {
        public TelemetryReading reading() {
            return EventJson.fromJson(new String(payload, StandardCharsets.UTF_8), TelemetryReading.class);
        }
    }

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Set<Long>> seqs = new ConcurrentHashMap<>();

    private ReadingSubscriber(final MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * @param persistent a session that outlives a disconnect (clean start off, 10 min expiry) and reconnects by itself
     */
    public static ReadingSubscriber subscribe(final String uri, final String clientId, final boolean persistent)
            throws MqttException {
        final MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        final ReadingSubscriber subscriber = new ReadingSubscriber(client);
        client.setCallback(subscriber);
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(NoDelaySocketFactory.plain());
        options.setCleanStart(!persistent);
        options.setReceiveMaximum(5000);
        if (persistent) {
            options.setSessionExpiryInterval(600L);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 2);
        }
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(MqttTopics.SENSORS_FILTER, MqttTopics.READINGS_QOS).waitForCompletion(10_000);
        return subscriber;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The distinct {@code seq} numbers received from a machine. */
    public Set<Long> seqsOf(final String machineId) {
        return new TreeSet<>(seqs.getOrDefault(machineId, Set.of()));
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
        final Received r = new Received(topic, message.getPayload(), message.getQos(), message.isDuplicate());
        received.add(r);
        final TelemetryReading reading = r.reading();
        if (reading.seq() != null) {
            seqs.computeIfAbsent(reading.machineId(), k -> ConcurrentHashMap.newKeySet()).add(reading.seq());
        }
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
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close(true);
    }
}
