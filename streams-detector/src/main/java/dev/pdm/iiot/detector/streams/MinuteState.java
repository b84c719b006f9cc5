package dev.pdm.iiot.detector.streams;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.SensorMinute;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the minute aggregation keeps of one machine's minute while it may still change: counts,
 * the highest score and per sensor min, max, sum and count. Mutable, and only inside
 * {@link MinuteAggregator}; stored by {@link MinuteStateSerde} in its {@value DetectorTopology#MINUTE_STORE}
 * (the JSON names are those of minutes stored by earlier versions).
 */
final class MinuteState {

    @JsonProperty("readings")
    long readings;
    @JsonProperty("anomalies")
    long anomalies;
    @JsonProperty("max_score")
    Double maxScore;
    @JsonProperty("model_version")
    Integer modelVersion;
    /** Whether the minute was published since it ended (a late reading then publishes it again at once). */
    @JsonProperty("emitted")
    boolean emitted;
    /** Per sensor: min, max, sum, count. */
    @JsonProperty("sensors")
    Map<String, double[]> sensors = new LinkedHashMap<>();

    /** Adds one scored reading of the minute. */
    void add(final ScoredReading scored) {
        readings++;
        if (scored.anomaly()) {
            anomalies++;
        }
        if (scored.score() != null) {
            maxScore = maxScore == null ? scored.score() : Math.max(maxScore, scored.score());
            modelVersion = scored.modelVersion();
        }
        scored.reading().values().forEach((sensor, value) -> {
            final double[] s = sensors.get(sensor);
            if (s == null) {
                sensors.put(sensor, new double[] {value, value, value, 1});
            } else {
                s[0] = Math.min(s[0], value);
                s[1] = Math.max(s[1], value);
                s[2] += value;
                s[3]++;
            }
        });
    }

    /** The minute as published. */
    MinuteAggregate toAggregate(final String machineId, final Instant minute) {
        final Map<String, SensorMinute> out = new LinkedHashMap<>();
        sensors.forEach((sensor, s) -> out.put(sensor, new SensorMinute(s[0], s[2] / s[3], s[1], (long) s[3])));
        return new MinuteAggregate(machineId, minute, readings, anomalies, maxScore, modelVersion, out);
    }
}
