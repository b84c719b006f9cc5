package dev.pdm.iiot.events.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns a payload as a device sent it into an accepted reading or a {@link Rejection} with its
 * reason: size, JSON syntax, structure ({@link ReadingDecoder}), then plausibility
 * ({@link ReadingValidator}). Thread-safe; never throws on bad input.
 *
 * <p>{@code NaN} and {@code Infinity}, which Python's {@code json.dumps} writes for missing or
 * broken sensors, are read, so that they are rejected as {@link RejectReason#NON_FINITE} rather
 * than as unreadable JSON.
 */
public final class ReadingParser {

    private static final ObjectReader TREE_READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

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
        final JsonNode tree;
        try {
            tree = TREE_READER.readTree(payload);
        } catch (JsonProcessingException e) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "not readable: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            return ParseResult.rejected(RejectReason.EMPTY_PAYLOAD, "the payload holds no JSON value");
        }
        final ParseResult decoded = ReadingDecoder.decode(tree, arrival);
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
}
