package dev.pdm.iiot.connect.sink;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSinkConnectorTest {

    @Test
    void givesEveryTaskAUniqueClientId() {
        final MqttSinkConnector connector = new MqttSinkConnector();
        connector.start(Map.of("name", "alerts", "topics", "machine-alerts", "mqtt.server.uri", "tcp://h:1883"));

        final List<Map<String, String>> configs = connector.taskConfigs(3);

        assertThat(configs).extracting(c -> c.get(MqttSinkTask.TASK_CLIENT_ID))
                .containsExactly("alerts-0", "alerts-1", "alerts-2");
        assertThat(connector.taskClass()).isEqualTo(MqttSinkTask.class);
    }
}
