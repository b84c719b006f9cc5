package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the values of the detector's recent-readings store as its changelog holds them, without
 * depending on the detector: its binary store format 1 (a marker byte {@code 0xB5}, the format
 * version, then the reading — present flag, machine id, timestamp, sensor values, schema version,
 * seq — the score, the threshold, the verdict and the model version; big-endian, strings as a
 * length and UTF-8, nullable values behind a flag), or the JSON earlier detectors stored. A test
 * holds it to the detector's own {@code ScoredReadingSerde}. A newer format is refused with a
 * {@link SerializationException}.
 */
public final class StoredScoredReadings implements Deserializer<ScoredReading> {

    private static final int MARKER = 0xB5;
    private static final int FORMAT = 1;

    @Override
    public ScoredReading deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            try {
                return EventJson.readerFor(ScoredReading.class).readValue(data);
            } catch (IOException e) {
                throw new SerializationException("record of " + topic + " is not a scored reading", e);
            }
        }
        if (data.length < 2 || (data[0] & 0xFF) != MARKER || data[1] != FORMAT) {
            throw new SerializationException("record of " + topic + " is not a stored scored reading of format "
                    + FORMAT);
        }
        try {
            final ByteBuffer in = ByteBuffer.wrap(data, 2, data.length - 2);
            final TelemetryReading reading = reading(in);
            final Double score = nullableDouble(in);
            final Double threshold = nullableDouble(in);
            final boolean anomaly = in.get() != 0;
            final Integer modelVersion = in.get() != 0 ? in.getInt() : null;
            return new ScoredReading(reading, score, threshold, anomaly, modelVersion);
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("record of " + topic + " is not a valid stored scored reading", e);
        }
    }

    private static TelemetryReading reading(final ByteBuffer in) {
        if (in.get() == 0) {
            return null;
        }
        final String machineId = string(in);
        final Instant timestamp = in.get() != 0 ? Instant.ofEpochSecond(in.getLong(), in.getInt()) : null;
        final int n = in.getInt();
        if (n < 0 || n > 10_000) {
            throw new IllegalArgumentException("a reading with " + n + " values");
        }
        final Map<String, Double> values = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            values.put(string(in), in.getDouble());
        }
        final Integer schemaVersion = in.get() != 0 ? in.getInt() : null;
        final Long seq = in.get() != 0 ? in.getLong() : null;
        return new TelemetryReading(machineId, timestamp, values, schemaVersion, seq);
    }

    private static Double nullableDouble(final ByteBuffer in) {
        return in.get() != 0 ? in.getDouble() : null;
    }

    private static String string(final ByteBuffer in) {
        final int n = in.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("a string of " + n + " bytes");
        }
        final String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }
}
