package dev.pdm.iiot.platform.cluster;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeMainsTest {

    @Test
    void anMqttNodeReadsBackTheArgumentsItIsStartedWith() {
        final MqttNodeMain.Options options = new MqttNodeMain.Options(Path.of("mqtt-1").toAbsolutePath(), 1883,
                "127.0.0.1:19092,127.0.0.1:19094", Path.of("security", "mqtt-credentials").toAbsolutePath());

        assertThat(MqttNodeMain.parse(MqttNodeMain.args(options))).isEqualTo(options);
    }

    @Test
    void anMqttNodeRefusesMissingAndUnknownOptions() {
        assertThatThrownBy(() -> MqttNodeMain.parse(List.of("--port", "1883")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing --home-dir");
        assertThatThrownBy(() -> MqttNodeMain.parse(List.of("--queue", "10")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --queue");
        assertThatThrownBy(() -> MqttNodeMain.parse(List.of("--home-dir", "h", "--port", "x", "--bootstrap-servers",
                "b", "--devices-file", "d"))).hasMessageContaining("--port needs a number");
    }

    @Test
    void settingsPlaceMqttPortsInOrderAndFreeOnesAfterThem() {
        final ClusterSettings settings = new ClusterSettings(Path.of("c"), Path.of("."), 3, 3, 2, List.of(1883, 1884),
                0, 0, 0, List.of(), Duration.ofSeconds(10));

        assertThat(settings.mqttPort(1)).isEqualTo(1883);
        assertThat(settings.mqttPort(2)).isEqualTo(1884);
        assertThat(settings.mqttPort(3)).isZero();
        assertThatThrownBy(() -> new ClusterSettings(Path.of("c"), Path.of("."), 3, 1, 2, List.of(1883, 1884), 0, 0,
                0, List.of(), Duration.ofSeconds(10))).hasMessageContaining("2 MQTT ports for 1 nodes");
    }
}
