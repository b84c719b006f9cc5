package dev.pdm.iiot.detector.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A small growable big-endian byte writer for the detector's own store formats: no synchronization,
 * no boxing, nullable values behind a presence byte. {@link BinaryReader} reads what it writes.
 */
public final class BinaryWriter {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int pos;

    public BinaryWriter(final int initialSize) {
        buf = new byte[Math.max(16, initialSize)];
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Bytes the writer holds before it grows. */
    int capacity() {
        return buf.length;
    }

    /** Bytes written so far. */
    public int size() {
        return pos;
    }

    /** Forgets what was written, keeping the buffer, so that the writer can be used again. */
    public BinaryWriter reset() {
        pos = 0;
        return this;
    }

    /**
     * Begins a section of bytes written in place: what {@link #writeBytes} would write for the
     * section's bytes (their length, then them), without a buffer of their own. Returns the mark to
     * give {@link #endSection} once the section is written.
     */
    public int beginSection() {
        ensure(4);
        final int mark = pos;
        pos += 4;
        return mark;
    }

    /** Ends the section {@link #beginSection} began: writes its length in front of it. */
    public BinaryWriter endSection(final int mark) {
        INT.set(buf, mark, pos - mark - 4);
        return this;
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
        INT.set(buf, pos, v);
        pos += 4;
        return this;
    }

    public BinaryWriter writeLong(final long v) {
        ensure(8);
        LONG.set(buf, pos, v);
        pos += 8;
        return this;
    }

    public BinaryWriter writeDouble(final double v) {
        return writeLong(Double.doubleToRawLongBits(v));
    }

    public BinaryWriter writeFloat(final float v) {
        return writeInt(Float.floatToRawIntBits(v));
    }

    /** Bytes as their length (int) and themselves. */
    public BinaryWriter writeBytes(final byte[] b) {
        return writeBytes(b, 0, b.length);
    }

    /** {@code length} bytes of {@code b} from {@code offset}, as {@link #writeBytes(byte[])} writes them. */
    public BinaryWriter writeBytes(final byte[] b, final int offset, final int length) {
        writeInt(length);
        ensure(length);
        System.arraycopy(b, offset, buf, pos, length);
        pos += length;
        return this;
    }

    /** Doubles as their count (int) and values; null as count -1. */
    public BinaryWriter writeDoubles(final double[] values) {
        if (values == null) {
            return writeInt(-1);
        }
        ensure(4 + 8 * values.length);
        INT.set(buf, pos, values.length);
        pos += 4;
        for (final double v : values) {
            LONG.set(buf, pos, Double.doubleToRawLongBits(v));
            pos += 8;
        }
        return this;
    }

    /** A string as its UTF-8 length (int) and bytes; null as length -1. */
    public BinaryWriter writeString(final String s) {
        if (s == null) {
            return writeInt(-1);
        }
        final int n = s.length();
        if (n < 256) {
            // ASCII, the usual case (ids, sensor names, enum names): its chars are its UTF-8 bytes
            ensure(4 + n);
            int at = pos + 4;
            int i = 0;
            for (; i < n; i++) {
                final char ch = s.charAt(i);
                if (ch >= 0x80) {
                    break;
                }
                buf[at++] = (byte) ch;
            }
            if (i == n) {
                INT.set(buf, pos, n);
                pos = at;
                return this;
            }
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
