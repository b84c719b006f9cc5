package dev.pdm.iiot.connect.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import dev.pdm.iiot.events.json.EventJson;
import org.apache.kafka.connect.errors.DataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns a record's value into the MQTT payload. {@link PayloadFormat#UNCHANGED} passes the platform's
 * alert JSON through as it is (a superset of the prototype's, so its consumers keep working);
 * {@link PayloadFormat#PROTOTYPE} keeps exactly the prototype's seven fields, values untouched.
 * Values may be bytes or strings (ByteArray or String converter) or maps (a schemaless JSON converter).
 */
public final class AlertPayloadMapper {

    /** The prototype's alert fields, in its order. */
    public static final List<String> PROTOTYPE_FIELDS = List.of("alert_id", "machine_id", "timestamp",
            "anomaly_score", "metrics", "severity", "recommendation");

    private static final ObjectMapper JSON = EventJson.newMapper();

    private final PayloadFormat format;

    public AlertPayloadMapper(final PayloadFormat format) {
        this.format = format;
    }

    /** The value as bytes, unchanged where it already is bytes. */
    public static byte[] bytesOf(final Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new DataException("cannot write the record's value as JSON: " + e.getOriginalMessage(), e);
            }
        }
        throw new DataException("unsupported value type " + (value == null ? "null" : value.getClass().getName())
                + "; configure value.converter as ByteArrayConverter, StringConverter or a schemaless JsonConverter");
    }

    /** The value parsed as a JSON object. */
    public static ObjectNode treeOf(final byte[] bytes) {
        final JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new DataException("the record's value is not JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new DataException("the record's value is not a JSON object");
        }
        return (ObjectNode) tree;
    }

    /** The payload to publish. */
    public byte[] payloadOf(final byte[] value, final ObjectNode tree) {
        if (format == PayloadFormat.UNCHANGED) {
            return value;
        }
        final ObjectNode alert = tree != null ? tree : treeOf(value);
        final ObjectNode out = JSON.createObjectNode();
        for (final String field : PROTOTYPE_FIELDS) {
            final JsonNode node = alert.get(field);
            if (node == null || node.isNull()) {
                throw new DataException("the alert has no " + field + ", which the prototype's format requires");
            }
            out.set(field, node);
        }
        try {
            return JSON.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new DataException("cannot write the alert: " + e.getOriginalMessage(), e);
        }
    }

    public boolean needsTree() {
        return format == PayloadFormat.PROTOTYPE;
    }
}
