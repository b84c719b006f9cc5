package dev.pdm.iiot.localstack;

import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.support.MqttTestClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded HiveMQ hands a persistent session more than HiveMQ CE's own 50 queued messages at a
 * time. HiveMQ fetches a session's queued messages in batches and fetches the next batch only when
 * the last one is fully acknowledged, so with batches of 50 a subscriber that acknowledges late
 * (after storing each message elsewhere, as the MQTT source connector does) moves 50 messages per
 * round trip.
 */
@LocalStackTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MqttOutgoingWindowIT {

    private static final int MESSAGES = 3 * MqttBrokerConfig.HIVEMQ_OUTGOING_WINDOW;

    @Test
    void aSessionGetsMoreThanFiftyQueuedMessagesBeforeAcknowledgingAny(final LocalStack stack) throws Exception {
        final Queue<MqttMessage> unacknowledged = new ConcurrentLinkedQueue<>();
        final MqttClient subscriber = new MqttClient(stack.mqttUri(), "late-acker", new MemoryPersistence());
        subscriber.setManualAcks(true);
        subscriber.setCallback(new Collecting(unacknowledged));
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(NoDelaySocketFactory.plain());
        options.setCleanStart(false);
        options.setSessionExpiryInterval(600L);
        options.setReceiveMaximum(MESSAGES * 2);
        subscriber.connect(options);
        subscriber.subscribe("window/test", 1);
        subscriber.disconnect();

        try (MqttTestClient publisher = MqttTestClient.connectClean(stack.mqttUri(), "window-publisher")) {
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publish("window/test", "m" + i);
            }
        }
        subscriber.connect(options);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(unacknowledged).hasSize(MESSAGES));
        } finally {
            for (final MqttMessage message : unacknowledged) {
                subscriber.messageArrivedComplete(message.getId(), message.getQos());
            }
            subscriber.disconnect();
            subscriber.close();
        }
    }

    private record Collecting(Queue<MqttMessage> into) implements MqttCallback {
        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
            into.add(message);
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
        public void connectComplete(final boolean reconnect, final String serverUri) {
        }

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
        }
    }
}
