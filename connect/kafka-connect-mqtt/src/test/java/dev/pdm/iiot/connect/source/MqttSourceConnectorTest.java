package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.connect.sink.MqttSinkConnector;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttSourceConnectorTest {

    @Test
    void givesEveryTaskItsOwnStableSession() {
        final MqttSourceConnector connector = new MqttSourceConnector();
        connector.start(Map.of("name", "readings", "mqtt.server.uri", "tcp://localhost:1883"));

        final List<Map<String, String>> configs = connector.taskConfigs(2);

        assertThat(configs).hasSize(2);
        assertThat(configs).extracting(c -> c.get(TaskAssignment.TASK_CLIENT_IDS))
                .containsExactly("readings-0-0", "readings-0-1");
        assertThat(configs).allSatisfy(c -> assertThat(c).containsEntry("mqtt.server.uri", "tcp://localhost:1883"));
        assertThat(connector.taskClass()).isEqualTo(MqttSourceTask.class);
        assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
        assertThat(connector.version()).isNotBlank();
    }

    @Test
    void failsFastOnABadConfiguration() {
        final MqttSourceConnector connector = new MqttSourceConnector();

        assertThatThrownBy(() -> connector.start(Map.of("mqtt.server.uri", "mqtt://x", "mqtt.qos", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tcp:// or ssl://");
    }

    @Test
    void validatesThroughTheConfigDefAsTheWorkerDoes() {
        final var result = new MqttSourceConnector().validate(Map.of("mqtt.server.uri", "tcp://h:1883", "mqtt.qos", "5"));

        assertThat(result.configValues())
                .filteredOn(v -> v.name().equals("mqtt.qos"))
                .singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).singleElement().asString().contains("no more than 2"));
    }

    @Test
    void validationReportsSettingsThatDisagreeWithEachOther() {
        final var result = new MqttSourceConnector().validate(Map.of("mqtt.server.uri", "tcp://h:1883",
                "mqtt.reconnect.backoff.ms", "5000", "mqtt.reconnect.backoff.max.ms", "1000"));

        assertThat(result.configValues())
                .filteredOn(v -> v.name().equals("mqtt.reconnect.backoff.ms"))
                .singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).singleElement().asString()
                        .contains("must not exceed mqtt.reconnect.backoff.max.ms"));
    }

    @Test
    void theSinksValidationSaysItPublishesToOneBroker() {
        final var result = new MqttSinkConnector().validate(Map.of("topics", "machine-alerts",
                "mqtt.server.uri", "tcp://a:1883,tcp://b:1883"));

        assertThat(result.configValues())
                .filteredOn(v -> v.name().equals("mqtt.server.uri"))
                .singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).singleElement().asString().contains("one broker"));
    }

    @Test
    void bothConnectorsAreDiscoveredThroughServiceLoader() {
        assertThat(ServiceLoader.load(SourceConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(MqttSourceConnector.class);
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(MqttSinkConnector.class);
    }
}
