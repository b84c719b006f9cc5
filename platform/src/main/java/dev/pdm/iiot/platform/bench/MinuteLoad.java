package dev.pdm.iiot.platform.bench;

import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.model.SensorMinute;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.simulator.core.MachineIds;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The minute aggregates of a fleet in the order the detector publishes them: every machine's minute,
 * then the next minute. Aggregate {@code i} is machine {@code i % machines} in minute
 * {@code i / machines} after the first; its values are derived from {@code i}, so every run writes
 * the same rows.
 */
final class MinuteLoad {

    /** The readings a minute holds at one reading a second. */
    static final int READINGS_PER_MINUTE = 60;

    private final List<String> machines;
    private final Instant firstMinute;
    private final List<String> sensors;

    MinuteLoad(final int machines, final Instant firstMinute, final int sensors) {
        if (machines < 1 || sensors < 1 || sensors > Sensors.PHYSICAL.size()) {
            throw new IllegalArgumentException("machines must be positive and sensors 1 to " + Sensors.PHYSICAL.size());
        }
        if (firstMinute.getEpochSecond() % 60 != 0 || firstMinute.getNano() != 0) {
            throw new IllegalArgumentException("not the start of a minute: " + firstMinute);
        }
        this.machines = MachineIds.first(machines);
        this.firstMinute = firstMinute;
        this.sensors = Sensors.PHYSICAL.subList(0, sensors);
    }

    int machines() {
        return machines.size();
    }

    int sensors() {
        return sensors.size();
    }

    String machine(final long index) {
        return machines.get((int) (index % machines.size()));
    }

    Instant minute(final long index) {
        return firstMinute.plusSeconds(60 * (index / machines.size()));
    }

    MinuteAggregate aggregate(final long index) {
        final Map<String, SensorMinute> values = new LinkedHashMap<>();
        final double wobble = (index * 2_654_435_761L % 1_000) / 1_000.0;
        for (int s = 0; s < sensors.size(); s++) {
            final double mean = 10.0 * (s + 1) + wobble;
            values.put(sensors.get(s), new SensorMinute(mean - 0.5, mean, mean + 0.5, READINGS_PER_MINUTE));
        }
        final int anomalies = index % 97 == 0 ? 1 : 0;
        return new MinuteAggregate(machine(index), minute(index), READINGS_PER_MINUTE, anomalies, 0.3 + wobble / 2, 1,
                values);
    }

    /**
     * At the real rate, one aggregate per machine and {@code period} spread evenly over it: how many
     * are due once {@code elapsed} has passed since the start (the first is due at once).
     */
    long dueAfter(final Duration elapsed, final Duration period) {
        if (elapsed.isNegative()) {
            return 0;
        }
        final double perNano = (double) machines.size() / period.toNanos();
        return (long) Math.floor(elapsed.toNanos() * perNano) + 1;
    }
}
