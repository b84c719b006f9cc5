package dev.pdm.iiot.detector.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The machines' training sets in the training store, one entry per row: key = the machine id's
 * length (2 bytes), its UTF-8 bytes and the row's slot (4 bytes, big-endian), value = the row's
 * doubles (8 bytes each). Adding or replacing a row writes one entry of a few dozen bytes, whatever
 * the set's size; a machine's set is read (in slot order) only to train a model. The length prefix
 * keeps a machine's keys one contiguous range that no other machine's key falls into, even when its
 * id is a prefix of another's ({@code PUMP_1}, {@code PUMP_10}). What belongs to the whole set (its
 * size, why it is collected) lives in the forest's state of the machine ({@code ForestState}).
 */
public final class TrainingRows {

    private static final int SLOT_BYTES = Integer.BYTES;

    private final KeyValueStore<Bytes, byte[]> store;

    public TrainingRows(final KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Training rows in memory, in the same encoding, for a replay outside the topology. */
    public static TrainingRows inMemory() {
        return new TrainingRows(Stores.inMemoryKeyValueStore(DetectorTopology.TRAINING_STORE).get());
    }

    /** Puts the row in the machine's slot, replacing the one it held. */
    public void put(final String machineId, final int slot, final double[] row) {
        store.put(key(machineId, slot), encode(row));
    }

    /** The machine's rows in slots 0 … count − 1, in slot order (a slot never written is left out). */
    public List<double[]> rows(final String machineId, final int count) {
        final List<double[]> rows = new ArrayList<>();
        if (count <= 0) {
            return rows;
        }
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(machineId, 0), key(machineId, count - 1))) {
            while (it.hasNext()) {
                rows.add(decode(it.next().value));
            }
        }
        return rows;
    }

    /** Deletes every row of the machine; returns how many there were. */
    public int clear(final String machineId) {
        final List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(machineId, 0), key(machineId, Integer.MAX_VALUE))) {
            while (it.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = it.next();
                keys.add(entry.key);
            }
        }
        keys.forEach(store::delete);
        return keys.size();
    }

    static Bytes key(final String machineId, final int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must not be negative, was " + slot);
        }
        final byte[] id = machineId.getBytes(StandardCharsets.UTF_8);
        if (id.length > 0xFFFF) {
            throw new IllegalArgumentException("machine id longer than 65535 bytes");
        }
        return Bytes.wrap(ByteBuffer.allocate(Short.BYTES + id.length + SLOT_BYTES)
                .putShort((short) id.length).put(id).putInt(slot).array());
    }

    static byte[] encode(final double[] row) {
        final ByteBuffer buffer = ByteBuffer.allocate(row.length * Double.BYTES);
        for (final double v : row) {
            buffer.putDouble(v);
        }
        return buffer.array();
    }

    static double[] decode(final byte[] bytes) {
        if (bytes.length % Double.BYTES != 0) {
            throw new SerializationException("a training row of " + bytes.length + " bytes is not a row of doubles");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final double[] row = new double[bytes.length / Double.BYTES];
        for (int k = 0; k < row.length; k++) {
            row[k] = buffer.getDouble();
        }
        return row;
    }
}
