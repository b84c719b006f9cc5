package dev.pdm.iiot.simulator.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/** Logs a publisher client's connection losses and reconnects; counts the reconnects. */
final class ConnectionEvents implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionEvents.class);

    private final String clientId;
    private final AtomicLong reconnects = new AtomicLong();

    ConnectionEvents(final String clientId) {
        this.clientId = clientId;
    }

    long reconnects() {
        return reconnects.get();
    }

    @Override
    public void disconnected(final MqttDisconnectResponse response) {
        LOG.warn("{} lost its connection ({}); buffering readings and reconnecting", clientId,
                response.getException() != null ? response.getException().getMessage() : response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(final MqttException exception) {
        LOG.warn("{}: MQTT error: {}", clientId, exception.getMessage());
    }

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
        // the publisher subscribes to nothing
    }

    @Override
    public void deliveryComplete(final IMqttToken token) {
        // counted by the publish listener
    }

    @Override
    public void connectComplete(final boolean reconnect, final String serverURI) {
        if (reconnect) {
            reconnects.incrementAndGet();
            LOG.info("{} reconnected to {}; sending what it buffered", clientId, serverURI);
        }
    }

    @Override
    public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
        // no enhanced authentication
    }
}
