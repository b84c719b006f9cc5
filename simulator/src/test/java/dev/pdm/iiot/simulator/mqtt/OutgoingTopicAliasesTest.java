package dev.pdm.iiot.simulator.mqtt;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.internal.MqttConnectionState;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;

class OutgoingTopicAliasesTest {

    private static Object read(final Object target, final Class<?> type, final String name) throws ReflectiveOperationException {
        final Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    @Test
    void theClientNeverSeesAnOutgoingTopicAliasMaximumWhateverTheBrokerGrants() throws Exception {
        final MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:1", "alias-test", new MemoryPersistence());
        final MqttConnectionState granted = (MqttConnectionState) read(client, MqttAsyncClient.class, "mqttConnection");

        assertThat(OutgoingTopicAliases.disable(client)).isTrue();
        assertThat(OutgoingTopicAliases.disable(client)).as("twice does no harm").isTrue();
        // what the CONNACK handler does on every (re)connect
        granted.setOutgoingTopicAliasMaximum(5);
        granted.setReceiveMaximum(5000);

        final Object comms = read(client, MqttAsyncClient.class, "comms");
        final Object clientState = read(comms, comms.getClass(), "clientState");
        final MqttConnectionState seen = (MqttConnectionState) read(clientState, clientState.getClass(), "mqttConnection");
        assertThat(seen.getOutgoingTopicAliasMaximum()).isZero();
        assertThat(seen.getReceiveMaximum()).isEqualTo(5000);
        assertThat(seen.getClientId()).isEqualTo("alias-test");
        client.close(true);
    }
}
