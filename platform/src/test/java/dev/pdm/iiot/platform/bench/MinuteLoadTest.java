package dev.pdm.iiot.platform.bench;

import dev.pdm.iiot.events.model.MinuteAggregate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MinuteLoadTest {

    private static final Instant FIRST = Instant.parse("2026-01-05T00:00:00Z");

    @Test
    void publishesEveryMachinesMinuteBeforeTheNextMinute() {
        final MinuteLoad load = new MinuteLoad(3, FIRST, 5);

        assertThat(load.machine(0)).isEqualTo("MACHINE_001");
        assertThat(load.machine(2)).isEqualTo("MACHINE_003");
        assertThat(load.machine(3)).isEqualTo("MACHINE_001");
        assertThat(load.minute(2)).isEqualTo(FIRST);
        assertThat(load.minute(3)).isEqualTo(FIRST.plusSeconds(60));
    }

    @Test
    void anAggregateHasOneEntryPerSensorAndTheSameValuesEveryTime() {
        final MinuteLoad load = new MinuteLoad(10, FIRST, 5);

        final MinuteAggregate aggregate = load.aggregate(17);

        assertThat(aggregate.sensors()).hasSize(5).containsKeys("temperature", "vibration", "current", "pressure", "rpm");
        assertThat(aggregate.machineId()).isEqualTo("MACHINE_008");
        assertThat(aggregate.minute()).isEqualTo(FIRST.plusSeconds(60));
        assertThat(aggregate).isEqualTo(load.aggregate(17));
        assertThat(aggregate.maxScore()).isBetween(0.0, 1.0);
    }

    @Test
    void atTheRealRateTenThousandMachinesAreDue167ASecond() {
        final MinuteLoad load = new MinuteLoad(10_000, FIRST, 5);
        final Duration minute = Duration.ofMinutes(1);

        assertThat(load.dueAfter(Duration.ZERO, minute)).isEqualTo(1);
        assertThat(load.dueAfter(Duration.ofSeconds(1), minute)).isEqualTo(167);
        assertThat(load.dueAfter(Duration.ofSeconds(60), minute)).isEqualTo(10_001);
        assertThat(load.dueAfter(Duration.ofSeconds(-1), minute)).isZero();
    }

    @Test
    void refusesAFirstMinuteThatIsNotTheStartOfAMinute() {
        assertThatThrownBy(() -> new MinuteLoad(1, FIRST.plusSeconds(1), 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
