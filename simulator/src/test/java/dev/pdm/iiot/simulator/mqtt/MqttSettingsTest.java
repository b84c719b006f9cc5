package dev.pdm.iiot.simulator.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSettingsTest {

    @Test
    void theDefaultClientCountIsOnePerFiftyReadingsASecond() {
        assertThat(MqttSettings.clientsFor(10_000)).as("10,000 machines at 1 Hz").isEqualTo(200);
        assertThat(MqttSettings.clientsFor(25_000)).isEqualTo(500);
        assertThat(MqttSettings.clientsFor(1_000)).isEqualTo(20);
        assertThat(MqttSettings.clientsFor(51)).isEqualTo(2);
    }

    @Test
    void theDefaultClientCountIsAtLeastOneAndAtMostAThousand() {
        assertThat(MqttSettings.clientsFor(1)).isEqualTo(1);
        assertThat(MqttSettings.clientsFor(0.1)).isEqualTo(1);
        assertThat(MqttSettings.clientsFor(0)).isEqualTo(1);
        assertThat(MqttSettings.clientsFor(1_000_000)).isEqualTo(MqttSettings.MAX_DEFAULT_CLIENTS);
    }
}
