package dev.pdm.iiot.connect.history;

import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.validation.RejectReason;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.util.List;

/**
 * A minute aggregate of {@code machine-minute-aggregates} as a row of {@code machine_minute_summary}:
 * machine, minute, readings, anomalies, highest score, model version, and the sensors as
 * {@code jsonb}, which the table's trigger turns into one {@code machine_minute} row per sensor.
 * With the sink's upsert on {@code (machine_id, minute)}, a minute published again (a late reading)
 * replaces the earlier row, and a re-delivered record writes nothing new.
 *
 * @param <R> the record type
 */
public final class MinuteAggregateStruct<R extends ConnectRecord<R>> extends JsonToStruct<R, MinuteAggregate> {

    /** The row's schema; the field names are the table's columns. */
    public static final Schema SCHEMA = SchemaBuilder.struct().name("dev.pdm.iiot.history.MachineMinuteSummary")
            .field("machine_id", Schema.STRING_SCHEMA)
            .field("minute", instant().build())
            .field("readings", Schema.INT32_SCHEMA)
            .field("anomalies", Schema.INT32_SCHEMA)
            .field("max_score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("model_version", Schema.OPTIONAL_INT32_SCHEMA)
            .field("sensors", optional(jsonb()))
            .build();

    public MinuteAggregateStruct() {
        super(MinuteAggregate.class, List.of("machine_id", "minute", "readings", "anomalies"));
    }

    /**
     * A minute the history can keep: a whole minute, counts that fit an {@code integer} with no
     * more anomalies than readings, a highest score from 0 to 1, and per sensor a name of 1 to 128
     * characters, finite values and a count of at most the minute's readings.
     */
    @Override
    void check(final MinuteAggregate minute) {
        RowChecks.machineId("machine_id", minute.machineId());
        RowChecks.instant("minute", minute.minute());
        if (minute.minute().getEpochSecond() % 60 != 0 || minute.minute().getNano() != 0) {
            throw RowChecks.rejected(RejectReason.INVALID_TIMESTAMP, "field minute is " + minute.minute()
                    + ", not the start of a minute");
        }
        RowChecks.count("readings", minute.readings(), Integer.MAX_VALUE);
        RowChecks.count("anomalies", minute.anomalies(), minute.readings());
        if (minute.maxScore() != null) {
            RowChecks.between("max_score", minute.maxScore(), 0, 1);
        }
        minute.sensors().forEach((sensor, values) -> {
            RowChecks.name("sensors", sensor);
            final String field = "sensors." + sensor;
            RowChecks.finite(field + ".min", values.min());
            RowChecks.finite(field + ".mean", values.mean());
            RowChecks.finite(field + ".max", values.max());
            RowChecks.count(field + ".count", values.count(), minute.readings());
        });
    }

    @Override
    Struct toStruct(final MinuteAggregate minute) {
        return new Struct(SCHEMA)
                .put("machine_id", minute.machineId())
                .put("minute", text(minute.minute()))
                .put("readings", Math.toIntExact(minute.readings()))
                .put("anomalies", Math.toIntExact(minute.anomalies()))
                .put("max_score", minute.maxScore())
                .put("model_version", minute.modelVersion())
                .put("sensors", minute.sensors().isEmpty() ? null : json(minute.sensors()));
    }
}
