package dev.pdm.iiot.connect.config;

import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttSinkConfigTest {

    private static Map<String, String> minimal() {
        final Map<String, String> props = new HashMap<>();
        props.put("name", "alerts");
        props.put("topics", "machine-alerts");
        props.put(MqttCommonConfig.SERVER_URI, "tcp://localhost:1883");
        return props;
    }

    @Test
    void defaultsArePrototypeCompatible() {
        final MqttSinkConfig config = new MqttSinkConfig(minimal());

        assertThat(config.topicTemplate()).hasToString("factory/alerts/anomaly");
        assertThat(config.qos()).isEqualTo(2);
        assertThat(config.payloadFormat()).isEqualTo(PayloadFormat.UNCHANGED);
        assertThat(config.retain()).isFalse();
        assertThat(config.clientIdPrefix("x")).isEqualTo("alerts");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "mqtt.server.uri|ws://localhost:8000|the scheme must be tcp:// or ssl://",
        "mqtt.server.uri|tcp://a:1883,tcp://b:1883|the sink publishes to one broker",
        "mqtt.topic|factory/alerts/#|must not contain the wildcards",
        "mqtt.topic|factory/{machine}/alerts|unknown placeholder {machine}",
        "mqtt.topic|factory/{machineId/alerts|unbalanced braces",
        "mqtt.topic|$SYS/alerts|reserved for the broker",
        "mqtt.topic|'  '|the topic must not be empty",
        "mqtt.qos|3|Value must be no more than 2",
        "mqtt.payload.format|xml|String must be one of: unchanged, prototype",
        "mqtt.max.in.flight|0|Value must be at least 1",
        "mqtt.ack.timeout.ms|10|Value must be at least 100",
        "mqtt.retain|perhaps|Expected value to be either true or false",
    })
    void rejectsAnInvalidValueWithAClearMessage(final String key, final String value, final String message) {
        final Map<String, String> props = minimal();
        props.put(key, value);

        assertThatThrownBy(() -> new MqttSinkConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(message);
    }

    @Test
    void acceptsAPerMachineTopic() {
        final Map<String, String> props = minimal();
        props.put(MqttSinkConfig.TOPIC, "factory/machines/{machineId}/alerts/{severity}");
        props.put(MqttSinkConfig.PAYLOAD_FORMAT, "prototype");

        final MqttSinkConfig config = new MqttSinkConfig(props);

        assertThat(config.topicTemplate().render(Map.of("{machineId}", "MACHINE_003", "{severity}", "CRITICAL")))
                .isEqualTo("factory/machines/MACHINE_003/alerts/CRITICAL");
        assertThat(config.payloadFormat()).isEqualTo(PayloadFormat.PROTOTYPE);
    }
}
