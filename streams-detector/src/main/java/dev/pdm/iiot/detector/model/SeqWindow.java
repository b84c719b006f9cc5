package dev.pdm.iiot.detector.model;

import java.util.Arrays;

/**
 * Which of the {@value #SIZE} sequence numbers just below a machine's highest accepted one have been
 * seen, so that a reading that arrives late (resent after the bridge refused it, or after a device
 * failed over to another MQTT node, while later readings went ahead) is still accepted once.
 *
 * <p>The window is a {@code long[4]} bitmap kept in {@link MachineContext#seqWindow}: bit
 * {@code d - 1} (word {@code (d - 1) / 64}, bit {@code (d - 1) % 64}) says whether the number
 * {@code highest - d} was seen, for {@code d} from 1 to {@value #SIZE}. Numbers further below count
 * as seen. A null window is one not known (a context kept before windows existed): every number
 * below the highest counts as seen. Pure and static: the caller keeps the array and the highest
 * number; advancing by one (the usual reading) shifts four words in place and allocates nothing.
 */
public final class SeqWindow {

    /** How many sequence numbers below the highest the window remembers. */
    public static final int SIZE = 256;

    /** The window's length in longs. */
    public static final int WORDS = SIZE / Long.SIZE;

    private SeqWindow() {
    }

    /** A window in which nothing below the highest number has been seen yet. */
    public static long[] empty() {
        return new long[WORDS];
    }

    /** Whether {@code seq}, below {@code highest}, lies inside the window (not older than it). */
    public static boolean inside(final long highest, final long seq) {
        final long d = highest - seq;
        return d >= 1 && d <= SIZE;
    }

    /**
     * Whether {@code seq} is at or below {@code highest} and already seen: the highest itself,
     * a number marked in the window, any number older than the window, and any number below the
     * highest when the window is unknown (null).
     */
    public static boolean seen(final long[] window, final long highest, final long seq) {
        if (seq > highest) {
            return false;
        }
        if (seq == highest || window == null || !inside(highest, seq)) {
            return true;
        }
        final int bit = (int) (highest - seq - 1);
        return (window[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    /** Marks {@code seq} seen; a number outside the window, or a null window, is left as it is. */
    public static void mark(final long[] window, final long highest, final long seq) {
        if (window == null || !inside(highest, seq)) {
            return;
        }
        final int bit = (int) (highest - seq - 1);
        window[bit >>> 6] |= 1L << (bit & 63);
    }

    /**
     * The window after the highest number moved up from {@code highest} to {@code seq}: every mark
     * moves down by the difference, the old highest is marked seen, and what falls out of the window
     * is forgotten (a jump of {@value #SIZE} or more keeps only the old highest, when it is still
     * inside). An unknown (null) window becomes known here: everything up to the old highest counts
     * as seen, so a new array is returned; otherwise the window is changed in place and returned.
     *
     * @param seq above {@code highest}
     */
    public static long[] advance(final long[] window, final long highest, final long seq) {
        if (seq <= highest) {
            throw new IllegalArgumentException("sequence " + seq + " is not above " + highest);
        }
        final long k = seq - highest;
        final long[] w;
        if (window == null) {
            // everything at or below the old highest was seen: bits k - 1 and above
            w = empty();
            if (k <= SIZE) {
                fillFrom(w, (int) (k - 1));
            }
            return w;
        }
        w = window;
        if (k >= SIZE) {
            Arrays.fill(w, 0L);
        } else {
            shiftUp(w, (int) k);
        }
        if (k <= SIZE) {
            final int bit = (int) (k - 1);
            w[bit >>> 6] |= 1L << (bit & 63);
        }
        return w;
    }

    /** Moves every bit up by {@code k} (0 < k < SIZE) word by word; bits shifted past the top are lost. */
    private static void shiftUp(final long[] w, final int k) {
        final int words = k >>> 6;
        final int bits = k & 63;
        for (int j = WORDS - 1; j >= 0; j--) {
            final int from = j - words;
            long v = from >= 0 ? w[from] << bits : 0L;
            if (bits != 0 && from - 1 >= 0) {
                v |= w[from - 1] >>> (Long.SIZE - bits);
            }
            w[j] = v;
        }
    }

    /** Sets bit {@code first} and every bit above it. */
    private static void fillFrom(final long[] w, final int first) {
        final int word = first >>> 6;
        w[word] = -1L << (first & 63);
        for (int j = word + 1; j < WORDS; j++) {
            w[j] = -1L;
        }
    }
}
