package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.events.json.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary value format of one of the detector's own stores: a marker byte, a format version, then
 * the fields. Values written by earlier versions of the detector, which stored JSON, are still read
 * (their first byte is <code>{</code>), so that a store restored from an older changelog keeps
 * working. Null stays null (a tombstone); a value it cannot read fails with a
 * {@link SerializationException}.
 */
public abstract class StoreSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** First byte of every binary value: never the first byte of a JSON object. */
    static final int MARKER = 0xB5;

    /** Largest buffer a thread keeps for its next value. */
    private static final int KEPT = 64 * 1024;

    /**
     * Each thread's buffer for the values it writes, used again by its next one (a value is copied
     * out of it), so that writing a value allocates the value alone; taken while in use.
     */
    private static final ThreadLocal<BinaryWriter> SPARE = new ThreadLocal<>();

    private final Class<T> type;
    private final int version;
    private final JsonSerde<T> legacy;

    protected StoreSerde(final Class<T> type, final int version) {
        this.type = type;
        this.version = version;
        this.legacy = new JsonSerde<>(type);
    }

    protected abstract void write(BinaryWriter out, T value);

    /** Reads the fields of a value of format {@code version}. */
    protected abstract T read(BinaryReader in, int version);

    /** A size that usually fits the value without growing. */
    protected int sizeHint() {
        return 256;
    }

    @Override
    public final byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        BinaryWriter out = SPARE.get();
        if (out == null) {
            out = new BinaryWriter(sizeHint());
        } else {
            SPARE.set(null);
            out.reset();
        }
        try {
            out.writeByte(MARKER).writeByte(version);
            write(out, data);
            return out.toByteArray();
        } finally {
            if (out.capacity() <= KEPT) {
                SPARE.set(out);
            }
        }
    }

    @Override
    public final T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            return legacy.deserialize(topic, data);
        }
        if (data.length < 2 || (data[0] & 0xFF) != MARKER) {
            throw new SerializationException("record of " + topic + " is not a stored " + type.getSimpleName());
        }
        final int v = data[1] & 0xFF;
        if (v < 1 || v > version) {
            throw new SerializationException("stored " + type.getSimpleName() + " of " + topic + " has format " + v
                    + "; this version of the detector reads 1 to " + version);
        }
        try {
            return read(new BinaryReader(data, 2), v);
        } catch (RuntimeException e) {
            throw new SerializationException("record of " + topic + " is not a valid stored " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public final Serializer<T> serializer() {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public final void configure(final java.util.Map<String, ?> configs, final boolean isKey) {
        // configured by its type alone
    }

    @Override
    public void close() {
        // nothing to release
    }
}
