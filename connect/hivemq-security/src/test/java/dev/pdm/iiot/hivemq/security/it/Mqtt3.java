package dev.pdm.iiot.hivemq.security.it;

import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;

/** An MQTT 3.1.1 client (Paho), as the prototype's devices are. */
final class Mqtt3 implements AutoCloseable {

    /** MQTT 3.1.1 CONNACK return codes (3.2.2.3). */
    static final int BAD_USER_NAME_OR_PASSWORD = 4;
    static final int NOT_AUTHORIZED = 5;
    /** A refused subscription's SUBACK code. */
    static final int FAILURE = 0x80;
    private static final long WAIT_MILLIS = 20_000;

    private final MqttAsyncClient client;

    private Mqtt3(final MqttAsyncClient client) {
        this.client = client;
    }

    static Mqtt3 connect(final String uri, final String clientId, final String user, final String password)
            throws MqttException {
        final MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(NoDelaySocketFactory.plain());
        options.setConnectionTimeout(10);
        options.setCleanSession(true);
        // Paho's default tries MQTT 3.1 again after a refused 3.1.1 CONNECT
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (user != null) {
            options.setUserName(user);
        }
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        try {
            client.connect(options).waitForCompletion(WAIT_MILLIS);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return new Mqtt3(client);
    }

    /** The CONNACK's return code of a refused connect; fails when it is accepted. */
    static int refusal(final String uri, final String clientId, final String user, final String password) {
        final Mqtt3 accepted;
        try {
            accepted = connect(uri, clientId, user, password);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        try {
            accepted.close();
        } catch (MqttException e) {
            // refused or not, the test fails below
        }
        throw new AssertionError("the broker accepted " + clientId);
    }

    /** Publishes at QoS 1 and waits for its PUBACK; throws when the broker disconnects instead. */
    void publish(final String topic, final String payload) throws MqttException {
        final IMqttDeliveryToken token = client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8)));
        token.waitForCompletion(WAIT_MILLIS);
    }

    /** The granted QoS, or {@link #FAILURE}. */
    int subscribe(final String filter) throws MqttException {
        final IMqttToken token = client.subscribe(filter, 1);
        token.waitForCompletion(WAIT_MILLIS);
        return token.getGrantedQos()[0];
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(WAIT_MILLIS);
        }
        client.close(true);
    }
}
