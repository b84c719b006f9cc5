package dev.pdm.iiot.simulator.mqtt;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherClientTest {

    @Test
    void refusalsAroundAConnectionLossAreTriedAgain() {
        assertThat(PublisherClient.isTransient(new MqttException(MqttClientException.REASON_CODE_MAX_INFLIGHT))).isTrue();
        assertThat(PublisherClient.isTransient(new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST))).isTrue();
        assertThat(PublisherClient.isTransient(new MqttException(MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR))).isTrue();
        assertThat(PublisherClient.isTransient(new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED))).isTrue();
        assertThat(PublisherClient.isTransient(new MqttException(MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS))).isTrue();
    }

    @Test
    void aFullBufferOrAClosedClientIsFinal() {
        assertThat(PublisherClient.isTransient(new MqttException(MqttClientException.REASON_CODE_DISCONNECTED_BUFFER_FULL))).isFalse();
        assertThat(PublisherClient.isTransient(new MqttException(MqttClientException.REASON_CODE_CLIENT_CLOSED))).isFalse();
    }

    @Test
    void aPublishCutOffByAConnectionLossStaysInTheSession() {
        assertThat(PublisherClient.isLostInFlight(new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST))).isTrue();
        assertThat(PublisherClient.isLostInFlight(new MqttException(MqttClientException.REASON_CODE_CLIENT_CLOSED))).isFalse();
    }
}
