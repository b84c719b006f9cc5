package dev.pdm.iiot.bridge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFiltersTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "factory/machines/+/sensors, factory/machines/MACHINE_001/sensors, true",
        "factory/machines/+/sensors, factory/machines/MACHINE_001/alerts, false",
        "factory/machines/+/sensors, factory/machines/MACHINE_001/sensors/x, false",
        "factory/machines/+/sensors, factory/machines//sensors, true",
        "factory/machines/+/sensors, factory/machines/sensors, false",
        "factory/#, factory, true",
        "factory/#, factory/machines/a/sensors, true",
        "factory/#, factoryx/a, false",
        "#, factory/a, true",
        "#, $SYS/broker, false",
        "+/a, $SYS/a, false",
        "$SYS/#, $SYS/broker, true",
        "a/b, a/b, true",
        "a/b, a/bc, false",
        "a/bc, a/b, false",
        "a/b, a, false",
        "a, a/b, false",
        "+, a, true",
        "+, a/b, false",
        "+/+, a/b, true",
        "a/+/#, a/b, true",
        "a/+/#, a, false",
    })
    void matchesTopicsAsMqttDefinesFilters(final String filter, final String topic, final boolean matches) {
        assertThat(TopicFilters.matches(filter, topic)).isEqualTo(matches);
    }
}
