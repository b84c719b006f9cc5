package dev.pdm.iiot.connect.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.validation.RejectReason;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The common part of the history transforms: reads a record value in the platform's JSON (bytes
 * from the {@code ByteArrayConverter}, or a string) as one of the contract's events and hands the
 * JDBC sink a {@link Struct} with a schema, which it needs to write a row. The wire format of the
 * topics stays schemaless JSON. A tombstone (null value) passes unchanged.
 *
 * <p>A value that is not a valid event fails with a {@link DataException} whose message starts with
 * the reason's code (the contract's {@code RejectReason} names: {@code EMPTY_PAYLOAD},
 * {@code MALFORMED_JSON}, {@code NOT_AN_OBJECT}, {@code MISSING_FIELD}, {@code WRONG_TYPE},
 * {@code NON_FINITE}, {@code OUT_OF_RANGE}, {@code INVALID_MACHINE_ID}, {@code INVALID_TIMESTAMP},
 * {@code UNKNOWN_SCHEMA_VERSION}), then the field and value, then the event type, topic, partition
 * and offset, e.g. {@code NON_FINITE: field sensors.vibration.max is NaN (MinuteAggregate on
 * machine-minute-aggregates-3@1042)}. The connector's error handling ({@code errors.tolerance=all})
 * sends such a record to the dead-letter topic with that message in its headers and writes the
 * records around it. Everything the database would refuse is refused here ({@link RowChecks}): a
 * row PostgreSQL refuses fails the sink's whole batch and stops its task.
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
    /** The contract's optional {@code schema_version}; absent means 1. */
    static final String SCHEMA_VERSION = "schema_version";
    static final int KNOWN_SCHEMA_VERSION = 1;

    /** JSON as the contract allows it, and NaN or Infinity read as numbers so that they are named as such. */
    private static final ObjectReader TREE = EventJson.newMapper().reader()
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Class<E> type;
    private final List<String> required;
    private final ObjectReader reader;

    /**
     * @param type     the contract's event
     * @param required its JSON fields that must be present and not null (the table's NOT NULL columns
     *                 that the event has no default for)
     */
    JsonToStruct(final Class<E> type, final List<String> required) {
        this.type = type;
        this.required = List.copyOf(required);
        this.reader = EventJson.readerFor(type)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** Throws {@link RowChecks.Rejected} when the event cannot be a row. */
    abstract void check(E event);

    /** The row of one checked event. */
    abstract Struct toStruct(E event);

    @Override
    public R apply(final R record) {
        if (record.value() == null) {
            return record;
        }
        final Struct row;
        try {
            final E event = read(bytes(record));
            check(event);
            row = toStruct(event);
        } catch (RowChecks.Rejected e) {
            throw new DataException(e.reason() + ": " + e.getMessage() + " (" + type.getSimpleName() + " on "
                    + where(record) + ")");
        } catch (DataException e) {
            throw new DataException(RejectReason.WRONG_TYPE + ": " + e.getMessage() + " (" + type.getSimpleName()
                    + " on " + where(record) + ")", e);
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                row.schema(), row, record.timestamp());
    }

    private static byte[] bytes(final ConnectRecord<?> record) {
        if (record.value() instanceof byte[] b) {
            return b;
        }
        if (record.value() instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw RowChecks.rejected(RejectReason.WRONG_TYPE, "the value is a " + record.value().getClass().getName()
                + ", not the platform's JSON as bytes or a string (value.converter must be the ByteArrayConverter)");
    }

    private E read(final byte[] bytes) {
        if (isBlank(bytes)) {
            throw RowChecks.rejected(RejectReason.EMPTY_PAYLOAD, "the value has no JSON (" + bytes.length + " bytes)");
        }
        final JsonNode tree;
        try {
            tree = TREE.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw RowChecks.rejected(RejectReason.MALFORMED_JSON, firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw RowChecks.rejected(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        if (!tree.isObject()) {
            throw RowChecks.rejected(RejectReason.NOT_AN_OBJECT, "the value is a JSON "
                    + tree.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object");
        }
        checkSchemaVersion(tree.get(SCHEMA_VERSION));
        for (final String field : required) {
            final JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                throw RowChecks.rejected(RejectReason.MISSING_FIELD, "field " + field + " is missing");
            }
        }
        try {
            return reader.readValue(tree);
        } catch (ValueInstantiationException e) {
            final Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof NullPointerException) {
                throw RowChecks.rejected(RejectReason.MISSING_FIELD, "field " + path(e) + " is missing: "
                        + cause.getMessage());
            }
            throw RowChecks.rejected(RejectReason.OUT_OF_RANGE, "field " + path(e) + ": " + cause.getMessage());
        } catch (JsonMappingException e) {
            throw RowChecks.rejected(RejectReason.WRONG_TYPE, "field " + path(e) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw RowChecks.rejected(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
    }

    private static boolean isBlank(final byte[] bytes) {
        for (final byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static void checkSchemaVersion(final JsonNode version) {
        if (version == null || version.isNull()) {
            return;
        }
        if (!version.canConvertToExactIntegral() || !version.isNumber()) {
            throw RowChecks.rejected(RejectReason.WRONG_TYPE, "field " + SCHEMA_VERSION + " is not an integer: "
                    + version);
        }
        if (!version.canConvertToInt() || version.intValue() != KNOWN_SCHEMA_VERSION) {
            throw RowChecks.rejected(RejectReason.UNKNOWN_SCHEMA_VERSION, "field " + SCHEMA_VERSION + " is "
                    + version + ", this sink knows " + KNOWN_SCHEMA_VERSION);
        }
    }

    /** The field a mapping failure happened at, e.g. {@code sensors.vibration.count}. */
    private static String path(final JsonMappingException e) {
        final String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(the object)" : path;
    }

    private static String firstLine(final String message) {
        if (message == null) {
            return "unreadable";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
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
