package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.events.json.JsonSerde;
import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.model.ScoredReading;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MinuteStateSerdeTest {

    private static final String TOPIC = "minute-store-changelog";
    private static final Instant MINUTE = Instant.parse("2025-11-21T21:27:00Z");
    private final MinuteStateSerde serde = new MinuteStateSerde();

    @Test
    void anOpenMinuteComesBackAsItWasStored() {
        final MinuteState state = stateOfTwoReadings();
        state.emitted = true;

        final MinuteState read = serde.deserialize(TOPIC, serde.serialize(TOPIC, state));

        assertThat(read.emitted).isTrue();
        assertThat(read.toAggregate("MACHINE_001", MINUTE)).isEqualTo(state.toAggregate("MACHINE_001", MINUTE));
    }

    @Test
    void aMinuteWithoutScoresKeepsItsNulls() {
        final MinuteState state = new MinuteState();
        state.add(new ScoredReading(reading(10, 2.0), null, null, false, null));

        final MinuteAggregate read = serde.deserialize(TOPIC, serde.serialize(TOPIC, state))
                .toAggregate("MACHINE_001", MINUTE);

        assertThat(read.maxScore()).isNull();
        assertThat(read.modelVersion()).isNull();
        assertThat(read.readings()).isEqualTo(1);
    }

    @Test
    void aMinuteStoredAsJsonByAnEarlierVersionIsRead() {
        final MinuteState state = stateOfTwoReadings();
        final byte[] json = new JsonSerde<>(MinuteState.class).serialize(TOPIC, state);
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{");

        assertThat(serde.deserialize(TOPIC, json).toAggregate("MACHINE_001", MINUTE))
                .isEqualTo(state.toAggregate("MACHINE_001", MINUTE));
    }

    @Test
    void theBinaryFormIsSmallerThanTheJson() {
        final MinuteState state = stateOfTwoReadings();
        assertThat(serde.serialize(TOPIC, state).length)
                .isLessThan(new JsonSerde<>(MinuteState.class).serialize(TOPIC, state).length);
    }

    @Test
    void aTruncatedOrForeignValueIsASerializationError() {
        final byte[] bytes = serde.serialize(TOPIC, stateOfTwoReadings());

        assertThatThrownBy(() -> serde.deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 5)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("MinuteState");
        assertThatThrownBy(() -> serde.deserialize(TOPIC, new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class);
        assertThat(serde.deserialize(TOPIC, null)).isNull();
    }

    private static MinuteState stateOfTwoReadings() {
        final MinuteState state = new MinuteState();
        state.add(new ScoredReading(reading(65.5, 2.25), 0.41, 0.6, false, 3));
        state.add(new ScoredReading(reading(66.0, 2.75), 0.71, 0.6, true, 3));
        return state;
    }

    private static TelemetryReading reading(final double temperature, final double vibration) {
        final Map<String, Double> values = new LinkedHashMap<>();
        values.put("temperature", temperature);
        values.put("vibration", vibration);
        return TelemetryReading.of("MACHINE_001", MINUTE.plusSeconds(5), values);
    }
}
