package dev.pdm.iiot.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttTopicsTest {

    @Test
    void buildsThePrototypesReadingTopic() {
        assertThat(MqttTopics.sensors("MACHINE_001")).isEqualTo("factory/machines/MACHINE_001/sensors");
    }

    @Test
    void findsTheMachineIdInAReadingTopic() {
        assertThat(MqttTopics.machineIdOf("factory/machines/MACHINE_001/sensors")).contains("MACHINE_001");
        assertThat(MqttTopics.machineIdOf("factory/machines/a/b/sensors")).isEmpty();
        assertThat(MqttTopics.machineIdOf("factory/alerts/anomaly")).isEmpty();
        assertThat(MqttTopics.machineIdOf("factory/machines//sensors")).isEmpty();
        assertThat(MqttTopics.machineIdOf(null)).isEmpty();
    }

    @Test
    void refusesAMachineIdThatWouldBreakTheTopic() {
        assertThatThrownBy(() -> MqttTopics.sensors("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttTopics.sensors("+")).isInstanceOf(IllegalArgumentException.class);
    }
}
