package dev.pdm.iiot.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.validation.ParseResult;
import dev.pdm.iiot.events.validation.ReadingDecoder;

import java.io.IOException;
import java.util.Map;

import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_MACHINE_ID;
import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_MACHINE_TYPE;
import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_SCHEMA_VERSION;
import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_SEQ;
import static dev.pdm.iiot.events.model.TelemetryReading.FIELD_TIMESTAMP;

/** The flat JSON of a {@link TelemetryReading}: meta fields first, then one field per sensor. */
public final class TelemetryReadingJson {

    private TelemetryReadingJson() {
    }

    public static final class Writer extends JsonSerializer<TelemetryReading> {
        @Override
        public void serialize(final TelemetryReading reading, final JsonGenerator gen, final SerializerProvider provider)
                throws IOException {
            gen.writeStartObject();
            gen.writeStringField(FIELD_MACHINE_ID, reading.machineId());
            gen.writeStringField(FIELD_TIMESTAMP, reading.timestamp().toString());
            if (reading.schemaVersion() != null) {
                gen.writeNumberField(FIELD_SCHEMA_VERSION, reading.schemaVersion());
            }
            if (reading.seq() != null) {
                gen.writeNumberField(FIELD_SEQ, reading.seq());
            }
            if (reading.machineType() != null) {
                gen.writeStringField(FIELD_MACHINE_TYPE, reading.machineType());
            }
            for (final Map.Entry<String, Double> e : reading.values().entrySet()) {
                gen.writeNumberField(e.getKey(), e.getValue());
            }
            gen.writeEndObject();
        }
    }

    /** Reads the structure only; readings from outside go through the validating parser first. */
    public static final class Reader extends JsonDeserializer<TelemetryReading> {
        @Override
        public TelemetryReading deserialize(final JsonParser parser, final DeserializationContext ctx) throws IOException {
            final JsonNode node = parser.readValueAsTree();
            final ParseResult result = ReadingDecoder.decode(node, null);
            if (!result.isAccepted()) {
                return (TelemetryReading) ctx.handleWeirdStringValue(TelemetryReading.class, String.valueOf(node),
                        "not a reading: %s", result.rejection());
            }
            return result.reading();
        }
    }
}
