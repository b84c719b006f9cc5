package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.pdm.iiot.events.json.TelemetryReadingJson;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One reading of one machine: the prototype's flat JSON object. {@code machine_id} and
 * {@code timestamp} are fields of their own; every other numeric field is a sensor value
 * (the prototype sends temperature, vibration, current, pressure, rpm, runtime_hours and
 * degradation_level). {@code schema_version}, {@code seq} and {@code machine_type} are this
 * platform's optional additions.
 *
 * @param machineId     the machine, matching {@link dev.pdm.iiot.events.MqttTopics#MACHINE_ID}
 * @param timestamp     when the reading was taken
 * @param values        sensor name to value, in the order the device sent them
 * @param schemaVersion the contract version the device speaks, or null (the prototype sends none)
 * @param seq           a per-machine sequence number for de-duplication, or null
 * @param machineType   the machine's type (its peer group, and the operating limits of its kind), or null
 */
@JsonSerialize(using = TelemetryReadingJson.Writer.class)
@JsonDeserialize(using = TelemetryReadingJson.Reader.class)
public record TelemetryReading(
        String machineId,
        Instant timestamp,
        Map<String, Double> values,
        Integer schemaVersion,
        Long seq,
        String machineType) {

    /** The version of the contract this code writes. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    /** JSON field names; every other numeric field of the object is a sensor value. */
    public static final String FIELD_MACHINE_ID = "machine_id";
    public static final String FIELD_TIMESTAMP = "timestamp";
    public static final String FIELD_SCHEMA_VERSION = "schema_version";
    public static final String FIELD_SEQ = "seq";
    public static final String FIELD_MACHINE_TYPE = "machine_type";

    public TelemetryReading {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(timestamp, "timestamp");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /** A reading that names no machine type. */
    public TelemetryReading(final String machineId, final Instant timestamp, final Map<String, Double> values,
                            final Integer schemaVersion, final Long seq) {
        this(machineId, timestamp, values, schemaVersion, seq, null);
    }

    /** A reading as the prototype sends it: no schema version, no sequence number. */
    public static TelemetryReading of(final String machineId, final Instant timestamp, final Map<String, Double> values) {
        return new TelemetryReading(machineId, timestamp, values, null, null);
    }

    /** The value of one sensor, or NaN when this reading does not carry it. */
    public double value(final String sensor) {
        final Double v = values.get(sensor);
        return v == null ? Double.NaN : v;
    }
}
