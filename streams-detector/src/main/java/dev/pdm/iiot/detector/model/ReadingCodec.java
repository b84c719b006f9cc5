package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.events.model.TelemetryReading;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link TelemetryReading} inside the detector's binary store formats, sensor order kept. */
final class ReadingCodec {

    private ReadingCodec() {
    }

    static void write(final BinaryWriter out, final TelemetryReading r) {
        out.writeBoolean(r != null);
        if (r == null) {
            return;
        }
        out.writeString(r.machineId());
        out.writeInstant(r.timestamp());
        out.writeInt(r.values().size());
        for (final Map.Entry<String, Double> e : r.values().entrySet()) {
            out.writeString(e.getKey());
            out.writeDouble(e.getValue());
        }
        out.writeNullableInt(r.schemaVersion());
        out.writeNullableLong(r.seq());
    }

    static TelemetryReading read(final BinaryReader in) {
        if (!in.readBoolean()) {
            return null;
        }
        final String machineId = in.readString();
        final java.time.Instant timestamp = in.readInstant();
        final int n = in.readInt();
        if (n < 0 || n > 10_000) {
            throw new IllegalArgumentException("a reading with " + n + " values");
        }
        final Map<String, Double> values = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            values.put(in.readString(), in.readDouble());
        }
        final Integer schemaVersion = in.readNullableInt();
        return new TelemetryReading(machineId, timestamp, values, schemaVersion, in.readNullableLong());
    }
}
