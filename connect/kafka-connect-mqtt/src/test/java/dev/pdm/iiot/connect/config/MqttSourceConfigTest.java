package dev.pdm.iiot.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.bridge.BridgeSettings;
import dev.pdm.iiot.bridge.KeySource;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttSourceConfigTest {

    private static Map<String, String> minimal() {
        final Map<String, String> props = new HashMap<>();
        props.put("name", "readings");
        props.put(MqttCommonConfig.SERVER_URI, "tcp://localhost:1883");
        return props;
    }

    @Test
    void defaultsFollowThePrototypeAndTheContract() {
        final MqttSourceConfig config = new MqttSourceConfig(minimal());

        assertThat(config.serverUris()).containsExactly("tcp://localhost:1883");
        assertThat(config.topicFilters()).containsExactly("factory/machines/+/sensors");
        assertThat(config.qos()).isEqualTo(1);
        assertThat(config.kafkaTopic()).isEqualTo("machine-telemetry");
        assertThat(config.dlqTopic()).isEqualTo("machine-telemetry-dlq");
        assertThat(config.keySource()).isEqualTo(KeySource.TOPIC);
        assertThat(config.keyTopicSegment()).isEqualTo(2);
        assertThat(config.keyJsonField()).isEqualTo("machine_id");
        assertThat(config.validation()).isFalse();
        assertThat(config.cleanStart()).isFalse();
        assertThat(config.sessionExpirySeconds()).isEqualTo(86_400L);
        assertThat(config.sharedSubscription()).isTrue();
        assertThat(config.shareGroup("x")).isEqualTo("readings");
        assertThat(config.clientIdPrefix("x")).isEqualTo("readings");
        assertThat(config.payloadMaxBytes()).isEqualTo(16 * 1024);
        assertThat(config.dlqExcerptBytes()).isEqualTo(BridgeSettings.DEFAULT_DLQ_EXCERPT_BYTES);
        assertThat(config.maxRecordBytes()).isEqualTo(1_048_576);
        assertThat(config.errorsTolerance()).isEqualTo("none");
    }

    @Test
    void theDeadLetterExcerptReachesTheSharedConversion() {
        final Map<String, String> props = minimal();
        props.put(MqttSourceConfig.DLQ_EXCERPT_BYTES, "200");

        final BridgeSettings settings = new MqttSourceConfig(props).bridgeSettings();

        assertThat(settings.dlqExcerptBytes()).isEqualTo(200);
        assertThat(settings.rejectedBy()).isEqualTo("mqtt-source");
    }

    @Test
    void thePlatformsSourceSkipsWhatKafkaRefusesAndKeepsPayloadsOutOfTheLog() throws Exception {
        final JsonNode example = new ObjectMapper().readTree(Path.of("config", "mqtt-source.json").toFile());
        final Map<String, String> props = new HashMap<>();
        example.path("config").properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));

        final MqttSourceConfig config = new MqttSourceConfig(props);

        assertThat(config.errorsTolerance()).isEqualTo("all");
        assertThat(props).containsEntry("errors.log.enable", "true").containsEntry("errors.log.include.messages", "false");
        assertThat(config.validation()).isTrue();
        assertThat(config.maxRecordBytes()).isGreaterThan(config.dlqExcerptBytes() + 11 * 1024);
    }

    @Test
    void readsTheConnectSettingsThatDecideWhatKafkaRefuses() {
        final Map<String, String> props = minimal();
        props.put("producer.override.max.request.size", "524288");
        props.put("errors.tolerance", "ALL");

        final MqttSourceConfig config = new MqttSourceConfig(props);

        assertThat(config.maxRecordBytes()).isEqualTo(524_288);
        assertThat(config.errorsTolerance()).isEqualToIgnoringCase("all");
    }

    @Test
    void acceptsSeveralBrokersAndFilters() {
        final Map<String, String> props = minimal();
        props.put(MqttCommonConfig.SERVER_URI, "tcp://a:1883, ssl://b:8883");
        props.put(MqttSourceConfig.TOPICS, "factory/machines/+/sensors,plant/#");

        final MqttSourceConfig config = new MqttSourceConfig(props);

        assertThat(config.serverUris()).containsExactly("tcp://a:1883", "ssl://b:8883");
        assertThat(config.topicFilters()).containsExactly("factory/machines/+/sensors", "plant/#");
    }

    @Test
    void hidesThePasswordAndRequiresAUserForIt() {
        final Map<String, String> props = minimal();
        props.put(MqttCommonConfig.PASSWORD, "s3cret");

        assertThatThrownBy(() -> new MqttSourceConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.username")
                .hasMessageNotContaining("s3cret");

        props.put(MqttCommonConfig.USERNAME, "bridge");
        final MqttSourceConfig config = new MqttSourceConfig(props);
        assertThat(config.password().value()).isEqualTo("s3cret");
        assertThat(config.password().toString()).doesNotContain("s3cret");
    }

    @Test
    void requiresTheBrokerUri() {
        final Map<String, String> props = minimal();
        props.remove(MqttCommonConfig.SERVER_URI);

        assertThatThrownBy(() -> new MqttSourceConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.server.uri");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "mqtt.server.uri|http://localhost:1883|the scheme must be tcp:// or ssl://",
        "mqtt.server.uri|localhost:1883|the scheme must be tcp:// or ssl://",
        "mqtt.server.uri|tcp://:1883|the URI names no host",
        "mqtt.server.uri|tcp://localhost:1883/topic|no path or query",
        "mqtt.server.uri|tcp://a:1883,tcp://a:1883|listed twice",
        "mqtt.server.uri|tcp://local host:1883|not a URI",
        "mqtt.topics|factory/#/sensors|must stand alone as the last level",
        "mqtt.topics|factory/machines/M+/sensors|must stand alone in its level",
        "mqtt.topics|$share/g/factory/#|give the plain filter",
        "mqtt.qos|3|Value must be no more than 2",
        "mqtt.qos|-1|Value must be at least 0",
        "mqtt.qos|one|Not a number of type INT",
        "mqtt.keepalive.seconds|-5|Value must be at least 0",
        "mqtt.connection.timeout.seconds|0|Value must be at least 1",
        "mqtt.reconnect.backoff.ms|5|Value must be at least 10",
        "mqtt.reconnect.backoff.ms|60000|must not exceed mqtt.reconnect.backoff.max.ms",
        "mqtt.session.expiry.seconds|-1|Value must be at least 0",
        "mqtt.session.expiry.seconds|4294967296|Value must be no more than 4294967295",
        "mqtt.receive.maximum|0|Value must be at least 1",
        "mqtt.receive.maximum|70000|Value must be no more than 65535",
        "mqtt.shared.subscription.group|a/b|must not contain /, +, # or whitespace",
        "mqtt.shared.subscription.enabled|maybe|Expected value to be either true or false",
        "mqtt.clean.start|yes|Expected value to be either true or false",
        "mqtt.ssl.truststore.type|PEMX|String must be one of: PKCS12, JKS",
        "mqtt.ssl.protocol|SSLv3|String must be one of: TLSv1.2, TLSv1.3",
        "kafka.topic|machine telemetry|a Kafka topic name is 1 to 249 of the characters",
        "kafka.dlq.topic|dlq/topic|a Kafka topic name is 1 to 249 of the characters",
        "kafka.key.source|header|String must be one of: topic, json, none",
        "kafka.key.topic.segment|-1|Value must be at least 0",
        "kafka.key.json.field|''|String must be non-empty",
        "payload.max.bytes|0|Value must be at least 1",
        "payload.max.bytes|1000001|Value must be no more than 1000000",
        "kafka.dlq.excerpt.bytes|-1|Value must be at least 0",
        "kafka.dlq.excerpt.bytes|65537|Value must be no more than 65536",
        "batch.max.size|0|Value must be at least 1",
        "poll.timeout.ms|0|Value must be at least 1",
        "validation.enabled|sometimes|Expected value to be either true or false",
    })
    void rejectsAnInvalidValueWithAClearMessage(final String key, final String value, final String message) {
        final Map<String, String> props = minimal();
        props.put(key, value);

        assertThatThrownBy(() -> new MqttSourceConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(message);
    }

    @Test
    void everyKeyIsLowerCaseDottedAndDocumented() {
        for (final String key : MqttSourceConfig.CONFIG_DEF.names()) {
            assertThat(key).matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");
            assertThat(MqttSourceConfig.CONFIG_DEF.configKeys().get(key).documentation).isNotBlank();
        }
        assertThat(MqttSourceConfig.CONFIG_DEF.names()).containsAll(List.of("mqtt.server.uri", "mqtt.username",
                "mqtt.password", "mqtt.client.id.prefix", "mqtt.topics", "mqtt.qos", "kafka.topic",
                "mqtt.session.expiry.seconds", "mqtt.clean.start", "mqtt.ssl.truststore.location"));
    }
}
