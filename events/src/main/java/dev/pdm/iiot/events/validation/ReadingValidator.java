package dev.pdm.iiot.events.validation;

import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Checks a structurally valid reading against {@link ReadingRules}. */
public final class ReadingValidator {

    private final ReadingRules rules;

    public ReadingValidator(final ReadingRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public ReadingRules rules() {
        return rules;
    }

    /**
     * @param reading the reading
     * @param arrival when it arrived, the reference for the future-skew check; null skips that check
     * @return the reading accepted, or the first rule it breaks
     */
    public ParseResult validate(final TelemetryReading reading, final Instant arrival) {
        if (!MqttTopics.isMachineId(reading.machineId())) {
            return ParseResult.rejected(RejectReason.INVALID_MACHINE_ID, "machine_id '" + shorten(reading.machineId())
                    + "' must be 1 to 64 of the characters A-Z a-z 0-9 _ . -");
        }
        final Integer version = reading.schemaVersion();
        if (version != null && !rules.knownSchemaVersions().contains(version)) {
            return ParseResult.rejected(RejectReason.UNKNOWN_SCHEMA_VERSION,
                    "schema_version " + version + " is not one of " + rules.knownSchemaVersions());
        }
        final Instant ts = reading.timestamp();
        if (ts.isBefore(rules.earliest())) {
            return ParseResult.rejected(RejectReason.INVALID_TIMESTAMP,
                    "timestamp " + ts + " is before " + rules.earliest());
        }
        if (arrival != null && ts.isAfter(arrival.plus(rules.maxFutureSkew()))) {
            return ParseResult.rejected(RejectReason.INVALID_TIMESTAMP, "timestamp " + ts
                    + " is more than " + rules.maxFutureSkew() + " ahead of its arrival at " + arrival);
        }
        if (reading.values().isEmpty()) {
            return ParseResult.rejected(RejectReason.NO_SENSOR_VALUES, "the reading carries no sensor value");
        }
        for (final Map.Entry<String, Double> e : reading.values().entrySet()) {
            final double value = e.getValue();
            if (!Double.isFinite(value)) {
                return ParseResult.rejected(RejectReason.NON_FINITE, "sensor " + e.getKey() + " is " + value);
            }
            final ValueRange range = rules.rangeOf(e.getKey());
            if (!range.contains(value)) {
                return ParseResult.rejected(RejectReason.OUT_OF_RANGE,
                        "sensor " + e.getKey() + " = " + value + " is outside its plausible range " + range);
            }
        }
        return ParseResult.accepted(reading);
    }

    private static String shorten(final String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
