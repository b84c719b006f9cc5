package dev.pdm.iiot.dashboard.history;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/machines/{id}/history}: a machine's points over a period, oldest first.
 *
 * @param machineId   the machine
 * @param from        start of the period (inclusive)
 * @param to          end of the period (exclusive)
 * @param step        length of a point, ISO-8601 ({@code PT10M})
 * @param stepSeconds the same in seconds
 * @param resolution  {@code minute}, {@code minute_buckets}, {@code hour} or {@code hour_buckets}
 * @param table       the per-sensor table read ({@code machine_minute} or {@code machine_hour}; its
 *                    summary table beside it)
 * @param points      the points; a minute or hour without data has none
 */
public record MachineHistory(
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("from") Instant from,
        @JsonProperty("to") Instant to,
        @JsonProperty("step") String step,
        @JsonProperty("step_seconds") long stepSeconds,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("table") String table,
        @JsonProperty("points") List<Point> points) {

    /**
     * One point: a minute, an hour or a bucket starting at {@code time}.
     *
     * @param time      start of the point (buckets are aligned to whole steps since 2000-01-01 UTC,
     *                  so the first may start before {@code from})
     * @param readings  readings in it
     * @param anomalies anomalous readings in it
     * @param maxScore  the highest anomaly score, left out while the machine had no model
     * @param sensors   per sensor: the lowest, the mean (weighted by readings) and the highest value
     */
    public record Point(
            @JsonProperty("time") Instant time,
            @JsonProperty("readings") Long readings,
            @JsonProperty("anomalies") Long anomalies,
            @JsonProperty("max_score") Double maxScore,
            @JsonProperty("sensors") Map<String, SensorValues> sensors) {
    }

    /** A sensor's values in a point. */
    public record SensorValues(
            @JsonProperty("min") Double min,
            @JsonProperty("mean") Double mean,
            @JsonProperty("max") Double max) {
    }
}
