package dev.pdm.iiot.events;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

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

    @Test
    void theMachineIdCheckIsThePatternsRule() {
        final String alphabet = "AZaz09_.-/ +#\u00c4\u00e9\u0660\uff10\ud83d\ude00\u0000";
        final SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            final int length = r.nextInt(70);
            final StringBuilder id = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                id.append(r.nextInt(4) == 0 ? alphabet.charAt(r.nextInt(alphabet.length())) : (char) (' ' + r.nextInt(95)));
            }
            final String s = id.toString();
            assertThat(MqttTopics.isMachineId(s)).as(s).isEqualTo(MqttTopics.MACHINE_ID.matcher(s).matches());
        }
        assertThat(MqttTopics.isMachineId("M".repeat(64))).isTrue();
        assertThat(MqttTopics.isMachineId("M".repeat(65))).isFalse();
        assertThat(MqttTopics.isMachineId("")).isFalse();
        assertThat(MqttTopics.isMachineId("MACHINE_001.a-b")).isTrue();
    }
}
