package dev.pdm.iiot.connect.history;

import dev.pdm.iiot.events.json.EventJson;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The common part of the history transforms: reads a record value in the platform's JSON (bytes
 * from the {@code ByteArrayConverter}, or a string) as one of the contract's events and hands the
 * JDBC sink a {@link Struct} with a schema, which it needs to write a row. The wire format of the
 * topics stays schemaless JSON. A tombstone (null value) passes unchanged; a value that is not the
 * event fails with a {@link DataException} naming the topic, partition and offset, so that the
 * connector's error handling ({@code errors.tolerance}, dead-letter topic) decides.
 *
 * <p>Instants become Debezium's {@code io.debezium.time.ZonedTimestamp} (an ISO-8601 string,
 * written to {@code timestamptz}); nested objects become {@code io.debezium.data.Json} marked as
 * {@code jsonb}. Both are only schema names: the transforms need no Debezium class.
 *
 * @param <R> the record type
 * @param <E> the contract's event type
 */
abstract class JsonToStruct<R extends ConnectRecord<R>, E> implements Transformation<R> {

    static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    static final String JSON = "io.debezium.data.Json";
    static final String SOURCE_COLUMN_TYPE = "__debezium.source.column.type";

    private final Class<E> type;

    JsonToStruct(final Class<E> type) {
        this.type = type;
    }

    /** The row of one event. */
    abstract Struct toStruct(E event);

    @Override
    public R apply(final R record) {
        if (record.value() == null) {
            return record;
        }
        final E event = read(record);
        final Struct row = toStruct(event);
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                row.schema(), row, record.timestamp());
    }

    private E read(final R record) {
        final byte[] bytes;
        if (record.value() instanceof byte[] b) {
            bytes = b;
        } else if (record.value() instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new DataException("expected the platform's JSON as bytes or a string, got a "
                    + record.value().getClass().getName() + " on " + where(record));
        }
        try {
            return EventJson.readerFor(type).readValue(bytes);
        } catch (IOException | RuntimeException e) {
            throw new DataException("not a " + type.getSimpleName() + " on " + where(record) + ": " + e.getMessage(), e);
        }
    }

    private static String where(final ConnectRecord<?> record) {
        final String offset = record instanceof SinkRecord s
                ? "@" + s.kafkaOffset() : "";
        return record.topic() + "-" + record.kafkaPartition() + offset;
    }

    static SchemaBuilder instant() {
        return SchemaBuilder.string().name(ZONED_TIMESTAMP).version(1);
    }

    static SchemaBuilder jsonb() {
        return SchemaBuilder.string().name(JSON).version(1).parameter(SOURCE_COLUMN_TYPE, "JSONB");
    }

    static String text(final Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static String json(final Object value) {
        return value == null ? null : EventJson.toJson(value);
    }

    static Schema optional(final SchemaBuilder builder) {
        return builder.optional().build();
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void configure(final Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
