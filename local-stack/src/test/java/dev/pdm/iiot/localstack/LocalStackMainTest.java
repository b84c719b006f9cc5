package dev.pdm.iiot.localstack;

import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackMainTest {

    @Test
    void defaultsToTheWellKnownPortsAndAFolderThatIsKept() {
        final LocalStackMain.Options options = LocalStackMain.Options.parse();

        assertThat(options.dataDir()).isEqualTo(Path.of("data", "local-stack"));
        assertThat(options.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.mqttPort()).isEqualTo(1883);
        assertThat(options.connectPort()).isEqualTo(8083);
        assertThat(options.connect()).isTrue();
        assertThat(options.persistence()).isEqualTo(MqttPersistence.FILE);
        assertThat(options.mqttQueueSize()).isEqualTo(MqttBrokerConfig.DEFAULT_MAX_QUEUED_MESSAGES);
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        final LocalStackMain.Options options = LocalStackMain.Options.parse(
                "--data-dir", "/tmp/stack", "--bind=0.0.0.0", "--kafka-port", "0", "--mqtt-port=11883",
                "--connect-port", "18083", "--no-connect", "--mqtt-in-memory", "--mqtt-queue-size", "1000000",
                "--mqtt-receive-maximum", "100", "--kafka-property", "num.partitions=3",
                "--connect-property=offset.flush.interval.ms=500");

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/stack"));
        assertThat(options.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(options.kafkaPort()).isZero();
        assertThat(options.mqttPort()).isEqualTo(11883);
        assertThat(options.connectPort()).isEqualTo(18083);
        assertThat(options.connect()).isFalse();
        assertThat(options.persistence()).isEqualTo(MqttPersistence.IN_MEMORY);
        assertThat(options.mqttQueueSize()).isEqualTo(1_000_000);
        assertThat(options.mqttReceiveMaximum()).isEqualTo(100);
        assertThat(options.kafkaProperties()).isEqualTo(Map.of("num.partitions", "3"));
        assertThat(options.connectProperties()).isEqualTo(Map.of("offset.flush.interval.ms", "500"));
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> LocalStackMain.Options.parse("--kafka-port", "x")).hasMessageContaining("number");
        assertThatThrownBy(() -> LocalStackMain.Options.parse("--mqtt-port", "70000")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> LocalStackMain.Options.parse("--data-dir")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalStackMain.Options.parse("--kafka-property", "x")).hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> LocalStackMain.Options.parse("--verbose")).hasMessageContaining("unknown option");
    }
}
