package dev.pdm.iiot.events.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_MACHINE_ID;
import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_MACHINE_TYPE;
import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_SCHEMA_VERSION;
import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_SEQ;
import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_TIMESTAMP;

/**
 * Reads the structure of a reading's JSON object: the types of its fields, not their plausibility
 * ({@link ReadingValidator} does that).
 *
 * <p>Timestamps: an ISO-8601 string with an offset ({@code 2025-11-21T21:27:22Z}); without one, as
 * the prototype sends them ({@code 2025-11-21T21:27:22.123456}), it is read as UTC; a space instead
 * of the {@code T} is accepted (Python's {@code str(datetime)}); a number is epoch seconds
 * (Python's {@code time.time()}), or epoch milliseconds when it is 10¹¹ or more. Without a timestamp
 * the arrival time is used, when the caller knows one.
 *
 * <p>The object is read in one pass over a {@link JsonParser}, in any field order. When it has
 * several faults, the one reported is decided after the whole object is read, always in this order:
 * {@code machine_id}, {@code timestamp}, {@code schema_version}, {@code seq}, {@code machine_type},
 * then the sensors in document order. A {@code machine_type} is a string of the characters a
 * machine id may have. A sensor value is the value of the JSON number as a double (a number too large for
 * a long is rounded once, from its exact value).
 */
public final class ReadingDecoder {

    /**
     * Reads the values that are not what they should be, so that the rejection can show them as JSON
     * (and a nested value is read as far as a tree would read it). Not configured to reject trailing
     * tokens: it reads one value in the middle of a document.
     */
    private static final JsonMapper VALUES = JsonMapper.builder().build();

    private ReadingDecoder() {
    }

    /**
     * A reading already parsed into a tree (the reading's JSON deserializer has one), read with the
     * same rules as a payload: through a parser over the tree.
     *
     * @param node    the parsed JSON
     * @param arrival the time the reading arrived, used when it has no timestamp; may be null
     */
    public static ParseResult decode(final JsonNode node, final Instant arrival) {
        if (node == null || !node.isObject()) {
            return notAnObject(node);
        }
        try (JsonParser parser = node.traverse()) {
            parser.nextToken();
            return decode(parser, arrival);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a tree in memory", e);
        }
    }

    static ParseResult notAnObject(final JsonNode node) {
        return ParseResult.rejected(RejectReason.NOT_AN_OBJECT,
                "expected a JSON object, got " + (node == null ? "nothing" : kind(node)));
    }

    /** The value the parser is at, read as a tree. */
    static JsonNode readValue(final JsonParser parser) throws IOException {
        return VALUES.readTree(parser);
    }

    /**
     * Reads the object the parser is at (its current token is {@link JsonToken#START_OBJECT}) up to and
     * including its end. The parser must reject duplicate fields, as {@link ReadingParser}'s does.
     *
     * @param arrival the time the reading arrived, used when it has no timestamp; may be null
     * @throws IOException when the JSON is not valid
     */
    static ParseResult decode(final JsonParser parser, final Instant arrival) throws IOException {
        String machineId = null;
        JsonNode badMachineId = null;
        Instant timestamp = null;
        JsonNode badTimestamp = null;
        Integer schemaVersion = null;
        JsonNode badSchemaVersion = null;
        Long seq = null;
        JsonNode badSeq = null;
        String machineType = null;
        JsonNode badMachineType = null;
        String badSensor = null;
        JsonNode badSensorValue = null;
        final Map<String, Double> values = new LinkedHashMap<>();

        String name;
        while ((name = parser.nextFieldName()) != null) {
            final JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL && isMetaField(name)) {
                continue; // a meta field given as null is an absent one
            }
            switch (name) {
                case FIELD_MACHINE_ID -> {
                    if (token == JsonToken.VALUE_STRING) {
                        machineId = parser.getText();
                    } else {
                        badMachineId = readValue(parser);
                    }
                }
                case FIELD_TIMESTAMP -> {
                    if (token == JsonToken.VALUE_STRING || token.isNumeric()) {
                        timestamp = timestamp(parser, token);
                    }
                    if (timestamp == null) {
                        badTimestamp = token == JsonToken.VALUE_STRING ? TextNode.valueOf(parser.getText())
                                : readValue(parser);
                    }
                }
                case FIELD_SCHEMA_VERSION -> {
                    final Number version = token == JsonToken.VALUE_NUMBER_INT ? integer(parser, false) : null;
                    if (version != null) {
                        schemaVersion = version.intValue();
                    } else {
                        badSchemaVersion = readValue(parser);
                    }
                }
                case FIELD_SEQ -> {
                    final Number number = token == JsonToken.VALUE_NUMBER_INT ? integer(parser, true) : null;
                    if (number != null && number.longValue() >= 0) {
                        seq = number.longValue();
                    } else {
                        badSeq = readValue(parser);
                    }
                }
                case FIELD_MACHINE_TYPE -> {
                    if (token == JsonToken.VALUE_STRING && MqttTopics.isMachineId(parser.getText())) {
                        machineType = parser.getText();
                    } else {
                        badMachineType = token == JsonToken.VALUE_STRING ? TextNode.valueOf(parser.getText())
                                : readValue(parser);
                    }
                }
                default -> {
                    if (token.isNumeric()) {
                        values.put(name, doubleValue(parser));
                    } else {
                        final JsonNode value = readValue(parser);
                        if (badSensor == null) {
                            badSensor = name;
                            badSensorValue = value;
                        }
                    }
                }
            }
        }

        if (badMachineId != null) {
            return ParseResult.rejected(RejectReason.WRONG_TYPE,
                    "field " + FIELD_MACHINE_ID + " must be a string, got " + kind(badMachineId));
        }
        if (machineId == null) {
            return ParseResult.rejected(RejectReason.MISSING_FIELD, "field " + FIELD_MACHINE_ID + " is missing");
        }
        if (badTimestamp != null) {
            return ParseResult.rejected(RejectReason.INVALID_TIMESTAMP,
                    "field " + FIELD_TIMESTAMP + " is not an ISO-8601 date-time or epoch number: " + abbreviate(badTimestamp));
        }
        if (timestamp == null) {
            if (arrival == null) {
                return ParseResult.rejected(RejectReason.MISSING_FIELD, "field " + FIELD_TIMESTAMP + " is missing");
            }
            timestamp = arrival;
        }
        if (badSchemaVersion != null) {
            return ParseResult.rejected(RejectReason.WRONG_TYPE,
                    "field " + FIELD_SCHEMA_VERSION + " must be an integer, got " + abbreviate(badSchemaVersion));
        }
        if (badSeq != null) {
            return ParseResult.rejected(RejectReason.WRONG_TYPE,
                    "field " + FIELD_SEQ + " must be a non-negative integer, got " + abbreviate(badSeq));
        }
        if (badMachineType != null) {
            return ParseResult.rejected(RejectReason.WRONG_TYPE, "field " + FIELD_MACHINE_TYPE + " must be a string "
                    + "of 1 to 64 of the characters A-Z a-z 0-9 _ . -, got " + kind(badMachineType) + " "
                    + abbreviate(badMachineType));
        }
        if (badSensor != null) {
            return ParseResult.rejected(RejectReason.WRONG_TYPE, "sensor " + badSensor + " must be a number, got "
                    + kind(badSensorValue) + " " + abbreviate(badSensorValue));
        }
        return ParseResult.accepted(new TelemetryReading(machineId, timestamp, values, schemaVersion, seq, machineType));
    }

    /** The string or number the parser is at as a timestamp, or null when it is not one. */
    private static Instant timestamp(final JsonParser parser, final JsonToken token) throws IOException {
        try {
            return token == JsonToken.VALUE_STRING
                    ? ReadingTimestamps.ofText(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())
                    : ReadingTimestamps.ofEpochNumber(doubleValue(parser));
        } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isMetaField(final String name) {
        return FIELD_MACHINE_ID.equals(name) || FIELD_TIMESTAMP.equals(name)
                || FIELD_SCHEMA_VERSION.equals(name) || FIELD_SEQ.equals(name) || FIELD_MACHINE_TYPE.equals(name);
    }

    /**
     * The number the parser is at as a double: an integer's exact value rounded once (as an int, a
     * long, or a {@link BigInteger} beyond that), a decimal as the parser reads it.
     */
    private static double doubleValue(final JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return switch (parser.getNumberType()) {
                case INT -> parser.getIntValue();
                case LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue().doubleValue();
            };
        }
        return parser.getDoubleValue();
    }

    /**
     * The integer the parser is at, if it fits an int (or a long when {@code asLong}), else null.
     * Boxed: only {@code schema_version} and {@code seq} are read with it, and they end up boxed.
     */
    private static Number integer(final JsonParser parser, final boolean asLong) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> asLong ? (Number) (long) parser.getIntValue() : (Number) parser.getIntValue();
            case LONG -> {
                final long value = parser.getLongValue();
                yield asLong ? (Number) value
                        : value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Number) (int) value : null;
            }
            default -> {
                final BigInteger value = parser.getBigIntegerValue();
                yield value.bitLength() <= (asLong ? 63 : 31) ? (asLong ? (Number) value.longValue() : (Number) value.intValue())
                        : null;
            }
        };
    }

    static String kind(final JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static String abbreviate(final JsonNode node) {
        final String text = node.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
