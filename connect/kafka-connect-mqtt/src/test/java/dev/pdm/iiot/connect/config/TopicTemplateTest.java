package dev.pdm.iiot.connect.config;

import dev.pdm.iiot.bridge.TopicFilters;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicTemplateTest {

    @Test
    void aConstantTopicIsItself() {
        assertThat(TopicTemplate.parse("factory/alerts/anomaly").render(Map.of())).isEqualTo("factory/alerts/anomaly");
    }

    @Test
    void refusesValuesThatWouldChangeTheTopicsLevels() {
        final TopicTemplate template = TopicTemplate.parse("factory/machines/{machineId}/alerts");

        assertThatThrownBy(() -> template.render(Map.of("{machineId}", "a/b")))
                .hasMessageContaining("cannot be a topic level");
        assertThatThrownBy(() -> template.render(Map.of("{machineId}", "+")))
                .hasMessageContaining("cannot be a topic level");
        assertThatThrownBy(() -> template.render(Map.of()))
                .hasMessageContaining("no value for {machineId}");
    }

    @Test
    void checksFilters() {
        assertThat(TopicFilters.problemOf("factory/machines/+/sensors")).isNull();
        assertThat(TopicFilters.problemOf("#")).isNull();
        assertThat(TopicFilters.problemOf("a/+/#")).isNull();
        assertThat(TopicFilters.problemOf("")).contains("empty");
        assertThat(TopicFilters.problemOf("a/#/b")).contains("#");
        assertThat(TopicFilters.subscription("a/+", "g")).isEqualTo("$share/g/a/+");
        assertThat(TopicFilters.subscription("a/+", null)).isEqualTo("a/+");
    }
}
