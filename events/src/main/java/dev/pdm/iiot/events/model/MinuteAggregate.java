package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One machine over one minute, as the detector aggregates its scored readings (a tumbling window of
 * one minute by reading time, with a grace period for late readings) onto
 * {@link dev.pdm.iiot.events.KafkaTopics#MINUTE_AGGREGATES}: the history's unit. A later record for
 * the same machine and minute (a late reading within the grace period) replaces the earlier one.
 *
 * @param machineId    the machine
 * @param minute       the start of the minute (UTC, seconds zero)
 * @param readings     readings in the minute
 * @param anomalies    readings scored anomalous
 * @param maxScore     the highest anomaly score (0 to 1), or null when no reading was scored (training)
 * @param modelVersion the model that scored the minute's last scored reading, or null
 * @param sensors      per sensor its min, mean and max, in the order first seen
 */
public record MinuteAggregate(
        @JsonProperty("machine_id") String machineId,
        @JsonProperty("minute") Instant minute,
        @JsonProperty("readings") long readings,
        @JsonProperty("anomalies") long anomalies,
        @JsonProperty("max_score") Double maxScore,
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("sensors") Map<String, SensorMinute> sensors) {

    public MinuteAggregate {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(minute, "minute");
        sensors = sensors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sensors));
    }
}
