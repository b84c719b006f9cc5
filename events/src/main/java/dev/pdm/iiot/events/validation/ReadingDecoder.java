package dev.pdm.iiot.events.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_MACHINE_ID;
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
 */
public final class ReadingDecoder {

    /** Numbers at or above this are epoch milliseconds, below it epoch seconds (10¹¹ s is the year 5138). */
    private static final double EPOCH_MILLIS_FROM = 1e11;

    private ReadingDecoder() {
    }

    /**
     * @param node    the parsed JSON
     * @param arrival the time the reading arrived, used when it has no timestamp; may be null
     */
    public static ParseResult decode(final JsonNode node, final Instant arrival) {
        if (node == null || !node.isObject()) {
            return ParseResult.rejected(RejectReason.NOT_AN_OBJECT,
                    "expected a JSON object, got " + (node == null ? "nothing" : kind(node)));
        }
        final JsonNode id = node.get(FIELD_MACHINE_ID);
        if (id == null || id.isNull()) {
            return ParseResult.rejected(RejectReason.MISSING_FIELD, "field " + FIELD_MACHINE_ID + " is missing");
        }
        if (!id.isTextual()) {
            return ParseResult.rejected(RejectReason.WRONG_TYPE,
                    "field " + FIELD_MACHINE_ID + " must be a string, got " + kind(id));
        }

        final Instant timestamp;
        final JsonNode ts = node.get(FIELD_TIMESTAMP);
        if (ts == null || ts.isNull()) {
            if (arrival == null) {
                return ParseResult.rejected(RejectReason.MISSING_FIELD, "field " + FIELD_TIMESTAMP + " is missing");
            }
            timestamp = arrival;
        } else {
            try {
                timestamp = timestampOf(ts);
            } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
                return ParseResult.rejected(RejectReason.INVALID_TIMESTAMP,
                        "field " + FIELD_TIMESTAMP + " is not an ISO-8601 date-time or epoch number: " + abbreviate(ts));
            }
        }

        Integer schemaVersion = null;
        final JsonNode version = node.get(FIELD_SCHEMA_VERSION);
        if (version != null && !version.isNull()) {
            if (!version.isIntegralNumber() || !version.canConvertToInt()) {
                return ParseResult.rejected(RejectReason.WRONG_TYPE,
                        "field " + FIELD_SCHEMA_VERSION + " must be an integer, got " + abbreviate(version));
            }
            schemaVersion = version.intValue();
        }

        Long seq = null;
        final JsonNode seqNode = node.get(FIELD_SEQ);
        if (seqNode != null && !seqNode.isNull()) {
            if (!seqNode.isIntegralNumber() || !seqNode.canConvertToLong() || seqNode.longValue() < 0) {
                return ParseResult.rejected(RejectReason.WRONG_TYPE,
                        "field " + FIELD_SEQ + " must be a non-negative integer, got " + abbreviate(seqNode));
            }
            seq = seqNode.longValue();
        }

        final Map<String, Double> values = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            final String name = field.getKey();
            if (isMetaField(name)) {
                continue;
            }
            final JsonNode value = field.getValue();
            if (!value.isNumber()) {
                return ParseResult.rejected(RejectReason.WRONG_TYPE,
                        "sensor " + name + " must be a number, got " + kind(value) + " " + abbreviate(value));
            }
            values.put(name, value.doubleValue());
        }
        return ParseResult.accepted(new TelemetryReading(id.textValue(), timestamp, values, schemaVersion, seq));
    }

    static boolean isMetaField(final String name) {
        return FIELD_MACHINE_ID.equals(name) || FIELD_TIMESTAMP.equals(name)
                || FIELD_SCHEMA_VERSION.equals(name) || FIELD_SEQ.equals(name);
    }

    private static Instant timestampOf(final JsonNode ts) {
        if (ts.isNumber()) {
            final double epoch = ts.doubleValue();
            if (!Double.isFinite(epoch)) {
                throw new IllegalArgumentException("not finite");
            }
            final double millis = Math.abs(epoch) >= EPOCH_MILLIS_FROM ? epoch : epoch * 1000.0;
            final long whole = (long) Math.floor(millis);
            final long nanos = Math.round((millis - whole) * 1_000_000.0);
            return Instant.ofEpochMilli(whole).plusNanos(nanos);
        }
        if (!ts.isTextual()) {
            throw new IllegalArgumentException("not a string or number");
        }
        String text = ts.textValue().trim();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        final TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
                OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    private static String kind(final JsonNode node) {
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
