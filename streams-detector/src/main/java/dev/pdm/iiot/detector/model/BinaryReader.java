package dev.pdm.iiot.detector.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads what {@link BinaryWriter} wrote; past the end it throws {@link IllegalArgumentException}. */
public final class BinaryReader {

    private final byte[] buf;
    private int pos;

    public BinaryReader(final byte[] buf, final int offset) {
        this.buf = buf;
        this.pos = offset;
    }

    public boolean hasMore() {
        return pos < buf.length;
    }

    private void need(final int n) {
        if (n < 0 || pos + n > buf.length) {
            throw new IllegalArgumentException("truncated: " + n + " bytes wanted at " + pos + " of " + buf.length);
        }
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
        final int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    public long readLong() {
        final long hi = readInt();
        final long lo = readInt() & 0xFFFFFFFFL;
        return hi << 32 | lo;
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
            values[k] = readDouble();
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
