package dev.pdm.iiot.events.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns a payload as a device sent it into an accepted reading or a {@link Rejection} with its
 * reason: size, JSON syntax, structure ({@link ReadingDecoder}), then plausibility
 * ({@link ReadingValidator}). The payload is read in one pass over a streaming parser, without a
 * tree; the JSON must be valid to its end before any other fault is reported. Thread-safe; never
 * throws on bad input.
 *
 * <p>{@code NaN} and {@code Infinity}, which Python's {@code json.dumps} writes for missing or
 * broken sensors, are read, so that they are rejected as {@link RejectReason#NON_FINITE} rather
 * than as unreadable JSON.
 */
public final class ReadingParser {

    /**
     * Parsers of payloads: {@code NaN} and {@code Infinity} read, duplicate fields rejected, numbers
     * read by Jackson's fast decimal-to-binary conversion (correctly rounded like
     * {@link Double#parseDouble}, without its slow path for values of many digits). A value after
     * the reading's object is rejected by {@link #parse(byte[], Instant)} itself.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final ReadingValidator validator;

    public ReadingParser(final ReadingRules rules) {
        this.validator = new ReadingValidator(rules);
    }

    /** A parser with {@link ReadingRules#defaults()}. */
    public static ReadingParser withDefaults() {
        return new ReadingParser(ReadingRules.defaults());
    }

    public ReadingRules rules() {
        return validator.rules();
    }

    /**
     * @param payload the bytes as received
     * @param arrival when they arrived: the timestamp of a reading without one, and the reference
     *                for the future-skew check; may be null (then a timestamp is required)
     */
    public ParseResult parse(final byte[] payload, final Instant arrival) {
        if (payload == null || payload.length == 0) {
            return ParseResult.rejected(RejectReason.EMPTY_PAYLOAD, "the payload is empty");
        }
        final int limit = validator.rules().maxPayloadBytes();
        if (payload.length > limit) {
            return ParseResult.rejected(RejectReason.OVERSIZE,
                    "the payload has " + payload.length + " bytes, the limit is " + limit);
        }
        final ParseResult decoded;
        try (JsonParser json = JSON.createParser(payload)) {
            final JsonToken first = json.nextToken();
            if (first == null) {
                return ParseResult.rejected(RejectReason.EMPTY_PAYLOAD, "the payload holds no JSON value");
            }
            decoded = first == JsonToken.START_OBJECT ? ReadingDecoder.decode(json, arrival)
                    : ReadingDecoder.notAnObject(ReadingDecoder.readValue(json));
            final JsonToken trailing = json.nextToken();
            if (trailing != null) {
                return ParseResult.rejected(RejectReason.MALFORMED_JSON,
                        "not valid JSON: more follows the value (" + describe(trailing) + ")");
            }
        } catch (JsonProcessingException e) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "not readable: " + e.getMessage());
        }
        return decoded.isAccepted() ? validator.validate(decoded.reading(), arrival) : decoded;
    }

    /**
     * Like {@link #parse(byte[], Instant)}, and the reading's machine id must also be the one the
     * transport gave it (the record key or the MQTT topic segment).
     */
    public ParseResult parse(final byte[] payload, final Instant arrival, final String expectedMachineId) {
        final ParseResult result = parse(payload, arrival);
        if (result.isAccepted() && expectedMachineId != null
                && !Objects.equals(expectedMachineId, result.reading().machineId())) {
            return ParseResult.rejected(RejectReason.KEY_MISMATCH, "machine_id '" + result.reading().machineId()
                    + "' differs from the key '" + expectedMachineId + "' it was sent under");
        }
        return result;
    }

    /** A token that follows the payload's value, in words. */
    private static String describe(final JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
