package dev.pdm.iiot.hivemq.bridge.config;

import dev.pdm.iiot.bridge.KeySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BridgeConfigTest {

    private static Properties properties(final String... keyValues) {
        final Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsToThePlatformsReadingsValidatedAndDeliveredToSubscribers() {
        final BridgeConfig config = BridgeConfig.from(new Properties(), Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.topicFilters()).containsExactly("factory/machines/+/sensors");
        assertThat(config.bridge().topic()).isEqualTo("machine-telemetry");
        assertThat(config.bridge().dlqTopic()).isEqualTo("machine-telemetry-dlq");
        assertThat(config.bridge().keySource()).isEqualTo(KeySource.TOPIC);
        assertThat(config.bridge().keyTopicSegment()).isEqualTo(2);
        assertThat(config.bridge().validation()).isTrue();
        assertThat(config.bridge().payloadMaxBytes()).isEqualTo(16_384);
        assertThat(config.bridge().dlqExcerptBytes()).isEqualTo(1024);
        assertThat(config.bridge().rejectedBy()).isEqualTo("hivemq-kafka-bridge");
        assertThat(config.deliverToSubscribers()).isTrue();
        assertThat(config.ackTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.unavailableRetry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.producer()).isEmpty();
        assertThat(config).isEqualTo(BridgeConfig.defaults("localhost:9092"));
    }

    @Test
    void readsItsFileAndLetsTheEnvironmentOverrideEachKey(@TempDir final Path home) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve(BridgeConfig.FILE), """
                kafka.bootstrap.servers=kafka-1:9092
                mqtt.topic.filters=plant/+/readings, lab/#
                mqtt.deliver.to.subscribers=false
                ack.timeout.ms=5000
                producer.linger.ms=5
                """);

        final BridgeConfig config = BridgeConfig.load(home, Map.of(
                "PDM_BRIDGE_KAFKA_BOOTSTRAP_SERVERS", "kafka:19092",
                "PDM_BRIDGE_PRODUCER_COMPRESSION_TYPE", "zstd",
                "PATH", "/usr/bin"));

        assertThat(config.bootstrapServers()).isEqualTo("kafka:19092");
        assertThat(config.topicFilters()).containsExactly("plant/+/readings", "lab/#");
        assertThat(config.deliverToSubscribers()).isFalse();
        assertThat(config.ackTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.producer()).containsEntry("linger.ms", "5").containsEntry("compression.type", "zstd");
        assertThat(BridgeConfig.envVariable(BridgeConfig.DELIVER_TO_SUBSCRIBERS))
                .isEqualTo("PDM_BRIDGE_MQTT_DELIVER_TO_SUBSCRIBERS");
    }

    @Test
    void aMissingFileMeansTheDefaults(@TempDir final Path home) {
        assertThat(BridgeConfig.load(home, Map.of())).isEqualTo(BridgeConfig.defaults("localhost:9092"));
    }

    @Test
    void matchesReadingTopicsByItsFilters() {
        final BridgeConfig config = BridgeConfig.from(properties("mqtt.topic.filters", "factory/machines/+/sensors,lab/#"),
                Map.of());

        assertThat(config.isReadingTopic("factory/machines/M1/sensors")).isTrue();
        assertThat(config.isReadingTopic("lab/bench/3")).isTrue();
        assertThat(config.isReadingTopic("factory/alerts/anomaly")).isFalse();
        assertThat(config.isReadingTopic("factory/machines/M1/sensors/raw")).isFalse();
    }

    @Test
    void refusesWhatItCannotUseWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> BridgeConfig.from(properties("kafka.topc", "x"), Map.of()))
                .hasMessageContaining("unknown setting 'kafka.topc'");
        assertThatThrownBy(() -> BridgeConfig.from(properties("ack.timeout.ms", "soon"), Map.of()))
                .hasMessageContaining("ack.timeout.ms must be a whole number");
        assertThatThrownBy(() -> BridgeConfig.from(properties("ack.timeout.ms", "10"), Map.of()))
                .hasMessageContaining("ack.timeout.ms must be in 100..600000");
        assertThatThrownBy(() -> BridgeConfig.from(properties("payload.max.bytes", "2000000"), Map.of()))
                .hasMessageContaining("payload.max.bytes must be in 1..1000000");
        assertThatThrownBy(() -> BridgeConfig.from(properties("dlq.excerpt.bytes", "-1"), Map.of()))
                .hasMessageContaining("dlq.excerpt.bytes");
        assertThatThrownBy(() -> BridgeConfig.from(properties("validation.enabled", "yes"), Map.of()))
                .hasMessageContaining("validation.enabled must be true or false");
        assertThatThrownBy(() -> BridgeConfig.from(properties("kafka.key.source", "header"), Map.of()))
                .hasMessageContaining("kafka.key.source");
        assertThatThrownBy(() -> BridgeConfig.from(properties("mqtt.topic.filters", "a/#/b"), Map.of()))
                .hasMessageContaining("mqtt.topic.filters: 'a/#/b'");
        assertThatThrownBy(() -> BridgeConfig.from(properties("kafka.topic", ""), Map.of()))
                .hasMessageContaining("kafka.topic must not be empty");
    }

    @Test
    void takesTheLargestRecordFromTheProducersLimitAndNeedsRoomForADeadLetter() {
        assertThat(BridgeConfig.from(properties("producer.max.request.size", "524288"), Map.of()).bridge()
                .maxRecordBytes()).isEqualTo(524_288);
        assertThat(BridgeConfig.defaults("k:9092").bridge().maxRecordBytes()).isEqualTo(1_048_576);
        assertThatThrownBy(() -> BridgeConfig.from(properties("producer.max.request.size", "4000"), Map.of()))
                .hasMessageContaining("leaves no room for a dead letter");
    }

    @Test
    void keepsTheProducerSettingsTheGuaranteeRestsOn() {
        for (final String fixed : List.of("acks", "enable.idempotence", "transactional.id", "bootstrap.servers")) {
            assertThatThrownBy(() -> BridgeConfig.from(properties("producer." + fixed, "x"), Map.of()))
                    .as(fixed).hasMessageContaining("producer." + fixed + " cannot be set");
        }
    }
}
