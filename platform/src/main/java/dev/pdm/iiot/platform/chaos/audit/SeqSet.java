package dev.pdm.iiot.platform.chaos.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The sequence numbers of one machine's readings, one bit each: a bitset in pages of 65,536 numbers,
 * so that a machine counting from 0 costs 8 KiB per 65,536 readings and a device that restarts its
 * count at a large number costs one more page, not a gap. Not thread-safe.
 */
public final class SeqSet {

    private static final int PAGE_BITS = 16;
    private static final int WORDS = (1 << PAGE_BITS) / Long.SIZE;
    private static final long OFFSET_MASK = (1L << PAGE_BITS) - 1;

    private final Map<Long, long[]> pages = new TreeMap<>();
    private long size;

    /**
     * Adds a sequence number.
     *
     * @return whether it was new
     * @throws IllegalArgumentException when it is negative (the contract's {@code seq} is not)
     */
    public boolean add(final long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("a negative seq: " + seq);
        }
        final long[] page = pages.computeIfAbsent(seq >>> PAGE_BITS, p -> new long[WORDS]);
        final int offset = (int) (seq & OFFSET_MASK);
        final long bit = 1L << offset;
        final int word = offset >>> 6;
        if ((page[word] & bit) != 0) {
            return false;
        }
        page[word] |= bit;
        size++;
        return true;
    }

    public boolean contains(final long seq) {
        if (seq < 0) {
            return false;
        }
        final long[] page = pages.get(seq >>> PAGE_BITS);
        final int offset = (int) (seq & OFFSET_MASK);
        return page != null && (page[offset >>> 6] & (1L << offset)) != 0;
    }

    /** An independent copy. */
    public SeqSet copy() {
        final SeqSet copy = new SeqSet();
        pages.forEach((index, page) -> copy.pages.put(index, page.clone()));
        copy.size = size;
        return copy;
    }

    /** How many distinct numbers it holds. */
    public long size() {
        return size;
    }

    /** The highest number it holds, or -1 when empty. */
    public long max() {
        final long[] highest = new long[] {-1};
        forEach(seq -> highest[0] = seq);
        return highest[0];
    }

    /** Every number, in ascending order. */
    public void forEach(final LongConsumer action) {
        for (final Map.Entry<Long, long[]> entry : pages.entrySet()) {
            final long base = entry.getKey() << PAGE_BITS;
            final long[] page = entry.getValue();
            for (int word = 0; word < page.length; word++) {
                long bits = page[word];
                while (bits != 0) {
                    final int bit = Long.numberOfTrailingZeros(bits);
                    action.accept(base + ((long) word << 6) + bit);
                    bits &= bits - 1;
                }
            }
        }
    }

    /**
     * The numbers of this set that {@code other} lacks: how many, and the first {@code cap} of them.
     *
     * @param other null for an empty set
     */
    public Missing missingFrom(final SeqSet other, final int cap) {
        final long[] count = new long[1];
        final List<Long> first = new ArrayList<>();
        forEach(seq -> {
            if (other == null || !other.contains(seq)) {
                count[0]++;
                if (first.size() < cap) {
                    first.add(seq);
                }
            }
        });
        return new Missing(count[0], List.copyOf(first));
    }

    /** How many numbers below {@code limit} this set holds and {@code other} (null: empty) lacks. */
    public long countMissingBelow(final SeqSet other, final long limit) {
        final long[] count = new long[1];
        forEach(seq -> {
            if (seq < limit && (other == null || !other.contains(seq))) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** Numbers one set holds and another lacks: how many, and the lowest few. */
    public record Missing(long count, List<Long> first) {
    }
}
