package dev.pdm.iiot.detector.testing;

import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Readings of a pump whose load moves (a cycle of {@code cycle} with ±20 %, and a faster ±5 %):
 * current, temperature, vibration, pressure and speed move together with it, with sensor noise on
 * top. Offsets stand for a machine that differs from its peers, {@code wear} for a fault that
 * develops (temperature +15 °C, vibration +3 mm/s at 1, the prototype's degradation without its
 * current and speed).
 */
public final class LoadedPump {

    private final String machineId;
    private final Duration period;
    private final Duration cycle;
    private final double phase;
    private final SplittableRandom random;
    private final Map<String, Double> offsets = new LinkedHashMap<>();
    private long n;
    private long seq;
    /** How far a fault has developed, 0 to 1. */
    public double wear;

    public LoadedPump(final String machineId, final long seed, final Duration period, final Duration cycle,
                      final double phase) {
        this.machineId = machineId;
        this.period = period;
        this.cycle = cycle;
        this.phase = phase;
        this.random = new SplittableRandom(seed);
    }

    /** Moves a sensor of this pump by a fixed amount, from now on. */
    public LoadedPump offset(final String sensor, final double amount) {
        offsets.put(sensor, amount);
        return this;
    }

    public Instant now() {
        return Readings.T0.plus(period.multipliedBy(n));
    }

    /** The next reading, one period after the last. */
    public TelemetryReading next() {
        final double t = period.toMillis() / 1000.0 * n;
        n++;
        final double load = 1 + 0.2 * Math.sin(2 * Math.PI * t / cycle.toSeconds() + phase)
                + 0.05 * Math.sin(2 * Math.PI * t / 600.0);
        final Map<String, Double> v = new LinkedHashMap<>();
        final double current = 10 * (0.35 + 0.65 * load);
        v.put(Sensors.TEMPERATURE, 25 + 4 * current + 15 * wear + 0.2 * random.nextGaussian());
        v.put(Sensors.VIBRATION, 2 * (1 + 0.15 * (load - 1)) + 3 * wear + 0.06 * random.nextGaussian());
        v.put(Sensors.CURRENT, current + 0.1 * random.nextGaussian());
        v.put(Sensors.PRESSURE, 6 * (1 - 0.12 * (load - 1)) + 0.03 * random.nextGaussian());
        v.put(Sensors.RPM, 1500 * (1 - 0.02 * (load - 1)) + 2.5 * random.nextGaussian());
        offsets.forEach((sensor, amount) -> v.merge(sensor, amount, Double::sum));
        seq++;
        return new TelemetryReading(machineId, now().minus(period), v, null, seq);
    }
}
