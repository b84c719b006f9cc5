package dev.pdm.iiot.hivemq.security.it;

import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import javax.net.SocketFactory;
import java.nio.charset.StandardCharsets;

/** An MQTT 5 client (Paho) that answers with the broker's reason codes instead of exceptions. */
final class Mqtt5 implements AutoCloseable {

    static final int SUCCESS = 0x00;
    static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    static final int NOT_AUTHORIZED = 0x87;
    private static final long WAIT_MILLIS = 20_000;

    private final MqttAsyncClient client;

    private Mqtt5(final MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * Connects with these credentials (null for none) over this socket factory (null for plain TCP).
     *
     * @throws MqttException with the CONNACK's reason code when refused
     */
    static Mqtt5 connect(final String uri, final String clientId, final String user, final String password,
                         final SocketFactory sockets) throws MqttException {
        return connect(uri, clientId, user, password, sockets, null);
    }

    /** Connects with a will message on this topic (null for none). */
    static Mqtt5 connect(final String uri, final String clientId, final String user, final String password,
                         final SocketFactory sockets, final String willTopic) throws MqttException {
        final MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(sockets == null ? NoDelaySocketFactory.plain() : sockets);
        options.setConnectionTimeout(10);
        options.setCleanStart(true);
        if (user != null) {
            options.setUserName(user);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (willTopic != null) {
            options.setWill(willTopic, new MqttMessage("{}".getBytes(StandardCharsets.UTF_8), 1, false, null));
        }
        try {
            client.connect(options).waitForCompletion(WAIT_MILLIS);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return new Mqtt5(client);
    }

    /** The CONNACK's reason code of a refused connect; fails when it is accepted. */
    static int refusal(final String uri, final String clientId, final String user, final String password) {
        final Mqtt5 accepted;
        try {
            accepted = connect(uri, clientId, user, password, null);
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

    /**
     * Publishes at QoS 1: {@link #SUCCESS} when the broker took it (also as "no matching subscribers",
     * 0x10), otherwise the PUBACK's reason code.
     */
    int publish(final String topic, final String payload) throws MqttException {
        try {
            final IMqttToken token = client.publish(topic,
                    new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null));
            token.waitForCompletion(WAIT_MILLIS);
            final int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 || codes[0] < 0x80 ? SUCCESS : codes[0];
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xFF) {
                return e.getReasonCode();
            }
            throw e;
        }
    }

    /** Subscribes at QoS 1; the SUBACK's reason code. */
    int subscribe(final String filter) throws MqttException {
        try {
            final IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
            token.waitForCompletion(WAIT_MILLIS);
            return token.getReasonCodes()[0];
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xFF) {
                return e.getReasonCode();
            }
            throw e;
        }
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
