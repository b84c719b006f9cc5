package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * How one sensor of a machine is moving away from its healthy reference, and when it reaches its
 * operating limit at that rate: the facts behind a {@code DEGRADATION} alert.
 *
 * @param sensor               the sensor name
 * @param ratePerHour          the trend of the sensor's load-corrected level, in its unit per hour
 * @param overHours            the span of readings the trend was fitted over
 * @param level                the sensor's slow level now, in its unit
 * @param reference            the level its healthy reference expects now, in its unit
 * @param limit                the operating limit the trend heads for, or null when none is configured
 * @param hoursToLimit         the estimated time until the level crosses the limit at this rate, or null
 *                             (no limit, or moving away from it); 0 once it has crossed
 * @param hoursToLimitLow      the earlier end of the estimate's 90 % interval, or null
 * @param hoursToLimitHigh     the later end, or null when the trend may also be flat
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SensorTrend(
        @JsonProperty("sensor") String sensor,
        @JsonProperty("rate_per_hour") double ratePerHour,
        @JsonProperty("over_hours") double overHours,
        @JsonProperty("level") double level,
        @JsonProperty("reference") double reference,
        @JsonProperty("limit") Double limit,
        @JsonProperty("hours_to_limit") Double hoursToLimit,
        @JsonProperty("hours_to_limit_low") Double hoursToLimitLow,
        @JsonProperty("hours_to_limit_high") Double hoursToLimitHigh) {

    public SensorTrend {
        Objects.requireNonNull(sensor, "sensor");
    }

    /** "temperature +2.1 °C/h over 3.0 h". */
    public String describe() {
        final String unit = Sensors.unitOf(sensor);
        return String.format(java.util.Locale.ROOT, "%s %+.2f%s/h over %.1f h", sensor, ratePerHour,
                unit.isEmpty() ? "" : " " + unit, overHours);
    }
}
