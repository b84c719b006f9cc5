package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One sensor over one minute of one machine: the lowest, mean and highest value of the readings
 * that carried it.
 *
 * @param min   the lowest value
 * @param mean  the arithmetic mean
 * @param max   the highest value
 * @param count readings of the minute that carried the sensor
 */
public record SensorMinute(
        @JsonProperty("min") double min,
        @JsonProperty("mean") double mean,
        @JsonProperty("max") double max,
        @JsonProperty("count") long count) {

    public SensorMinute {
        if (count < 1) {
            throw new IllegalArgumentException("a sensor minute needs at least one reading, was " + count);
        }
    }
}
