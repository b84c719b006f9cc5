package dev.pdm.iiot.bridge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Takes a record's key from a level of the MQTT topic or from a top-level JSON field of the payload.
 * Returns null when there is none (a topic with fewer levels, a payload without the field or not
 * JSON); the caller decides what that means.
 */
public final class KeyExtractor {

    private static final JsonFactory JSON = new JsonFactory();

    private final KeySource source;
    private final int segment;
    private final String field;

    public KeyExtractor(final KeySource source, final int segment, final String field) {
        this.source = source;
        this.segment = segment;
        this.field = field;
    }

    public KeySource source() {
        return source;
    }

    /** The key, or null. */
    public String keyOf(final String topic, final byte[] payload) {
        return switch (source) {
            case TOPIC -> segmentOf(topic);
            case JSON -> fieldOf(payload);
            case NONE -> null;
        };
    }

    private String segmentOf(final String topic) {
        if (topic == null) {
            return null;
        }
        int start = 0;
        for (int i = 0; i < segment; i++) {
            start = topic.indexOf('/', start) + 1;
            if (start == 0) {
                return null;
            }
        }
        final int end = topic.indexOf('/', start);
        final String level = end < 0 ? topic.substring(start) : topic.substring(start, end);
        return level.isEmpty() ? null : level;
    }

    /** Reads only as far as the field: no tree is built for a pass-through payload. */
    private String fieldOf(final byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                if (field.equals(name)) {
                    return value == JsonToken.VALUE_STRING || value.isNumeric() ? emptyToNull(parser.getText()) : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String emptyToNull(final String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
