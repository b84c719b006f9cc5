package dev.pdm.iiot.detector.testing;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Readings of a pump like the prototype's: healthy noise around its base values, and faults. */
public final class Readings {

    public static final Instant T0 = Instant.parse("2025-11-21T08:00:00Z");
    public static final Duration PERIOD = Duration.ofSeconds(3);

    private final String machineId;
    private final SplittableRandom random;
    private long seq;

    public Readings(final String machineId, final long seed) {
        this.machineId = machineId;
        this.random = new SplittableRandom(seed);
    }

    public String machineId() {
        return machineId;
    }

    /** The time of the n-th reading. */
    public static Instant at(final long n) {
        return T0.plus(PERIOD.multipliedBy(n));
    }

    public long seq() {
        return seq;
    }

    /** The next healthy reading, with a sequence number. */
    public TelemetryReading healthy() {
        return next(base(1.0));
    }

    /** The next reading exactly at the machine's base values: as normal as a reading gets. */
    public TelemetryReading center() {
        return next(base(0.0));
    }

    /** The next reading of a machine that overheats and shakes. */
    public TelemetryReading spike() {
        final Map<String, Double> v = base(1.0);
        v.put(Sensors.TEMPERATURE, 95.0);
        v.put(Sensors.VIBRATION, 6.5);
        v.put(Sensors.CURRENT, 17.5);
        v.put(Sensors.RPM, 1380.0);
        return next(v);
    }

    public TelemetryReading next(final Map<String, Double> values) {
        seq++;
        return new TelemetryReading(machineId, at(seq), values, null, seq);
    }

    private Map<String, Double> base(final double noise) {
        final Map<String, Double> v = new LinkedHashMap<>();
        v.put(Sensors.TEMPERATURE, 65.0 + noise * random.nextDouble(-1.5, 1.5));
        v.put(Sensors.VIBRATION, 2.0 + noise * random.nextDouble(-0.15, 0.15));
        v.put(Sensors.CURRENT, 10.0 + noise * random.nextDouble(-0.4, 0.4));
        v.put(Sensors.PRESSURE, 6.0 + noise * random.nextDouble(-0.08, 0.08));
        v.put(Sensors.RPM, 1500.0 + noise * random.nextDouble(-12, 12));
        return v;
    }

    public static byte[] json(final TelemetryReading reading) {
        return EventJson.toBytes(reading);
    }
}
