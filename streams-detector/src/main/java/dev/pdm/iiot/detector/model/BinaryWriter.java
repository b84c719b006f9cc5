package dev.pdm.iiot.detector.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A small growable big-endian byte writer for the detector's own store formats: no synchronization,
 * no boxing, nullable values behind a presence byte. {@link BinaryReader} reads what it writes.
 */
public final class BinaryWriter {

    private byte[] buf;
    private int pos;

    public BinaryWriter(final int initialSize) {
        buf = new byte[Math.max(16, initialSize)];
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(final int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public BinaryWriter writeByte(final int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public BinaryWriter writeBoolean(final boolean v) {
        return writeByte(v ? 1 : 0);
    }

    public BinaryWriter writeInt(final int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public BinaryWriter writeLong(final long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public BinaryWriter writeDouble(final double v) {
        return writeLong(Double.doubleToRawLongBits(v));
    }

    public BinaryWriter writeFloat(final float v) {
        return writeInt(Float.floatToRawIntBits(v));
    }

    /** Bytes as their length (int) and themselves. */
    public BinaryWriter writeBytes(final byte[] b) {
        writeInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** Doubles as their count (int) and values; null as count -1. */
    public BinaryWriter writeDoubles(final double[] values) {
        if (values == null) {
            return writeInt(-1);
        }
        writeInt(values.length);
        for (final double v : values) {
            writeDouble(v);
        }
        return this;
    }

    /** A string as its UTF-8 length (int) and bytes; null as length -1. */
    public BinaryWriter writeString(final String s) {
        if (s == null) {
            return writeInt(-1);
        }
        final byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    public BinaryWriter writeNullableLong(final Long v) {
        writeBoolean(v != null);
        return v == null ? this : writeLong(v);
    }

    public BinaryWriter writeNullableInt(final Integer v) {
        writeBoolean(v != null);
        return v == null ? this : writeInt(v);
    }

    public BinaryWriter writeNullableDouble(final Double v) {
        writeBoolean(v != null);
        return v == null ? this : writeDouble(v);
    }

    /** An instant as seconds and nanoseconds, null behind a presence byte. */
    public BinaryWriter writeInstant(final Instant t) {
        writeBoolean(t != null);
        if (t != null) {
            writeLong(t.getEpochSecond());
            writeInt(t.getNano());
        }
        return this;
    }

    /** An enum constant by name, so that reordering the constants never changes what is read. */
    public BinaryWriter writeEnum(final Enum<?> e) {
        return writeString(e == null ? null : e.name());
    }
}
