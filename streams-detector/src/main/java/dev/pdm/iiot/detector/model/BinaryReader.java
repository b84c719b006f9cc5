package dev.pdm.iiot.detector.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads what {@link BinaryWriter} wrote; past the end it throws {@link IllegalArgumentException}. */
public final class BinaryReader {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] buf;
    private final int limit;
    private int pos;

    public BinaryReader(final byte[] buf, final int offset) {
        this(buf, offset, buf.length);
    }

    /** A reader of {@code buf} from {@code offset} up to (excluding) {@code limit}. */
    public BinaryReader(final byte[] buf, final int offset, final int limit) {
        if (offset < 0 || limit < offset || limit > buf.length) {
            throw new IllegalArgumentException("bytes " + offset + " to " + limit + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = limit;
    }

    public boolean hasMore() {
        return pos < limit;
    }

    private void need(final int n) {
        if (n < 0 || n > limit - pos) {
            throw new IllegalArgumentException("truncated: " + n + " bytes wanted at " + pos + " of " + limit);
        }
    }

    /**
     * What {@link BinaryWriter#writeBytes} (or a section written in place) wrote, read in place: a
     * reader of those bytes alone, sharing this reader's array; this reader goes on after them.
     */
    public BinaryReader section() {
        final int n = readInt();
        need(n);
        final BinaryReader section = new BinaryReader(buf, pos, pos + n);
        pos += n;
        return section;
    }

    /** The array this reader reads, the position it has reached, and where it ends: for {@link #section}'s users. */
    public byte[] array() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    public int readByte() {
        need(1);
        return buf[pos++];
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public int readInt() {
        need(4);
        final int v = (int) INT.get(buf, pos);
        pos += 4;
        return v;
    }

    public long readLong() {
        need(8);
        final long v = (long) LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public float readFloat() {
        return Float.intBitsToFloat(readInt());
    }

    public byte[] readBytes() {
        final int n = readInt();
        need(n);
        final byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** What {@link BinaryWriter#writeDoubles} wrote. */
    public double[] readDoubles() {
        final int n = readInt();
        if (n < 0) {
            return null;
        }
        need(8L * n > Integer.MAX_VALUE ? -1 : 8 * n);
        final double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = Double.longBitsToDouble((long) LONG.get(buf, pos));
            pos += 8;
        }
        return values;
    }

    public String readString() {
        final int n = readInt();
        if (n == -1) {
            return null;
        }
        need(n);
        final String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public Long readNullableLong() {
        return readBoolean() ? readLong() : null;
    }

    public Integer readNullableInt() {
        return readBoolean() ? readInt() : null;
    }

    public Double readNullableDouble() {
        return readBoolean() ? readDouble() : null;
    }

    public Instant readInstant() {
        if (!readBoolean()) {
            return null;
        }
        final long seconds = readLong();
        return Instant.ofEpochSecond(seconds, readInt());
    }

    public <E extends Enum<E>> E readEnum(final Class<E> type) {
        final String name = readString();
        return name == null ? null : Enum.valueOf(type, name);
    }
}
