package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * How far one sensor of a reading lies from that machine's training distribution.
 *
 * @param sensor    the sensor name
 * @param value     the reading's value
 * @param mean      the training mean
 * @param std       the training standard deviation
 * @param z         (value - mean) / std, signed
 * @param direction ABOVE or BELOW normal
 */
public record Contributor(
        @JsonProperty("sensor") String sensor,
        @JsonProperty("value") double value,
        @JsonProperty("mean") double mean,
        @JsonProperty("std") double std,
        @JsonProperty("z") double z,
        @JsonProperty("direction") Direction direction) {

    public enum Direction { ABOVE, BELOW }

    public Contributor {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(direction, "direction");
    }

    /** The deviation from normal in the sensor's own unit, signed. */
    public double deviation() {
        return value - mean;
    }
}
