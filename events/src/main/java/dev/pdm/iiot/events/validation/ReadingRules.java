package dev.pdm.iiot.events.validation;

import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a reading must satisfy to be accepted. {@link #defaults()} fits the prototype's machines;
 * every limit can be changed with a {@code with…} copy.
 *
 * @param maxPayloadBytes     largest accepted payload
 * @param maxFutureSkew       how far a timestamp may lie ahead of the arrival time (device clocks drift)
 * @param earliest            timestamps before this are rejected
 * @param knownSchemaVersions the {@code schema_version}s understood; a reading without one is version 1
 * @param ranges              plausible range per sensor
 * @param otherRange          plausible range of any numeric field not in {@code ranges}
 */
public record ReadingRules(
        int maxPayloadBytes,
        Duration maxFutureSkew,
        Instant earliest,
        Set<Integer> knownSchemaVersions,
        Map<String, ValueRange> ranges,
        ValueRange otherRange) {

    /** The prototype's readings are about 200 bytes; 16 KiB leaves room for wide sensor sets. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024;

    private static final Map<String, ValueRange> DEFAULT_RANGES = defaultRanges();

    public ReadingRules {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(earliest, "earliest");
        knownSchemaVersions = Set.copyOf(knownSchemaVersions);
        ranges = Map.copyOf(ranges);
        Objects.requireNonNull(otherRange, "otherRange");
    }

    /**
     * 16 KiB payloads; timestamps from 2000 up to 5 minutes ahead of arrival; schema version 1;
     * ranges wide enough for any industrial pump or motor, narrow enough to catch unit and wiring
     * mistakes: temperature -60…600 °C, vibration 0…500 mm/s, current 0…10,000 A,
     * pressure -1…1,000 bar, rpm 0…100,000, runtime hours 0…10⁶, degradation level 0…10⁶;
     * any other field within ±10⁹.
     */
    public static ReadingRules defaults() {
        return new ReadingRules(DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofMinutes(5),
                Instant.parse("2000-01-01T00:00:00Z"), Set.of(TelemetryReading.CURRENT_SCHEMA_VERSION),
                DEFAULT_RANGES, new ValueRange(-1e9, 1e9));
    }

    public ReadingRules withMaxPayloadBytes(final int bytes) {
        return new ReadingRules(bytes, maxFutureSkew, earliest, knownSchemaVersions, ranges, otherRange);
    }

    public ReadingRules withMaxFutureSkew(final Duration skew) {
        return new ReadingRules(maxPayloadBytes, skew, earliest, knownSchemaVersions, ranges, otherRange);
    }

    public ReadingRules withEarliest(final Instant instant) {
        return new ReadingRules(maxPayloadBytes, maxFutureSkew, instant, knownSchemaVersions, ranges, otherRange);
    }

    /** A copy with the range of one sensor set or replaced. */
    public ReadingRules withRange(final String sensor, final ValueRange range) {
        final Map<String, ValueRange> copy = new LinkedHashMap<>(ranges);
        copy.put(sensor, range);
        return new ReadingRules(maxPayloadBytes, maxFutureSkew, earliest, knownSchemaVersions, copy, otherRange);
    }

    /** The plausible range of a sensor. */
    public ValueRange rangeOf(final String sensor) {
        return ranges.getOrDefault(sensor, otherRange);
    }

    private static Map<String, ValueRange> defaultRanges() {
        final Map<String, ValueRange> r = new LinkedHashMap<>();
        r.put(Sensors.TEMPERATURE, new ValueRange(-60, 600));
        r.put(Sensors.VIBRATION, new ValueRange(0, 500));
        r.put(Sensors.CURRENT, new ValueRange(0, 10_000));
        r.put(Sensors.PRESSURE, new ValueRange(-1, 1_000));
        r.put(Sensors.RPM, new ValueRange(0, 100_000));
        r.put(Sensors.RUNTIME_HOURS, new ValueRange(0, 1e6));
        r.put(Sensors.DEGRADATION_LEVEL, new ValueRange(0, 1e6));
        return r;
    }
}
