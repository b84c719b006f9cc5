package dev.pdm.iiot.simulator.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.TelemetryReading;

/**
 * A reading's JSON in the events contract (the prototype's flat object). A {@code NaN} sensor
 * value is written as the bare token {@code NaN}, as Python's {@code json.dumps} does, not as a
 * string. Thread-safe.
 */
public final class ReadingEncoder {

    private static final ObjectWriter WRITER = EventJson.writer().without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);

    private ReadingEncoder() {
    }

    public static byte[] encode(final TelemetryReading reading) {
        try {
            return WRITER.writeValueAsBytes(reading);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the reading of " + reading.machineId(), e);
        }
    }
}
