package dev.pdm.iiot.connect.sink;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Which records' publishes the broker has acknowledged, per partition, so that Connect commits an
 * offset only when every record before it was acknowledged: the committable offset of a partition
 * is that of its oldest record still waiting. Thread-safe: publishes complete on Paho's threads.
 */
public final class PublishTracker {

    private static final class Pending {
        final long offset;
        final long sentAtMs;
        boolean done;

        Pending(final long offset, final long sentAtMs) {
            this.offset = offset;
            this.sentAtMs = sentAtMs;
        }
    }

    private final Map<TopicPartition, ArrayDeque<Pending>> pending = new HashMap<>();
    private final Map<TopicPartition, Map<Long, Pending>> index = new HashMap<>();
    private final Map<TopicPartition, Long> completedUpTo = new HashMap<>();
    private final Map<TopicPartition, Long> floor = new HashMap<>();
    private long generation;

    /** Changes with every {@link #rewound}: acknowledgements of an earlier generation are ignored. */
    public synchronized long generation() {
        return generation;
    }

    /** A record's publish was sent. Offsets of one partition must be added in increasing order. */
    public synchronized void sent(final TopicPartition tp, final long offset, final long nowMs) {
        final Long rewoundTo = floor.get(tp);
        if (rewoundTo != null && offset <= rewoundTo) {
            floor.remove(tp);
        }
        final Pending p = new Pending(offset, nowMs);
        pending.computeIfAbsent(tp, k -> new ArrayDeque<>()).addLast(p);
        index.computeIfAbsent(tp, k -> new HashMap<>()).put(offset, p);
    }

    /**
     * A record's publish was acknowledged (a record that needs no publish is {@link #sent} and done
     * at once). Unknown offsets, e.g. of publishes sent before a {@link #rewound}, are ignored.
     */
    public synchronized void done(final TopicPartition tp, final long offset, final long ofGeneration) {
        if (ofGeneration != generation) {
            return;
        }
        final Map<Long, Pending> byOffset = index.get(tp);
        final Pending p = byOffset == null ? null : byOffset.remove(offset);
        if (p == null) {
            return;
        }
        p.done = true;
        final ArrayDeque<Pending> queue = pending.get(tp);
        while (!queue.isEmpty() && queue.peekFirst().done) {
            completedUpTo.merge(tp, queue.pollFirst().offset + 1, Math::max);
        }
    }

    /**
     * The offsets Connect may commit: for each partition Connect consumed, the oldest record still
     * waiting, or what Connect consumed when nothing waits.
     */
    public synchronized Map<TopicPartition, OffsetAndMetadata> committable(
            final Map<TopicPartition, OffsetAndMetadata> consumed) {
        final Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (final Map.Entry<TopicPartition, OffsetAndMetadata> e : consumed.entrySet()) {
            final TopicPartition tp = e.getKey();
            final ArrayDeque<Pending> queue = pending.get(tp);
            Long offset = null;
            if (queue == null || queue.isEmpty()) {
                offset = e.getValue().offset();
            } else if (completedUpTo.containsKey(tp)) {
                offset = completedUpTo.get(tp);
            }
            final Long rewoundTo = floor.get(tp);
            if (offset != null && rewoundTo != null) {
                offset = Math.min(offset, rewoundTo);
            }
            if (offset != null) {
                result.put(tp, new OffsetAndMetadata(offset));
            }
        }
        return result;
    }

    /** The oldest offset still waiting per partition: where to rewind to after a failure. */
    public synchronized Map<TopicPartition, Long> oldestPending() {
        final Map<TopicPartition, Long> result = new HashMap<>();
        pending.forEach((tp, queue) -> {
            if (!queue.isEmpty()) {
                result.put(tp, queue.peekFirst().offset);
            }
        });
        return result;
    }

    /** Whether some publish has waited longer than {@code timeoutMs}. */
    public synchronized boolean anyOlderThan(final long nowMs, final long timeoutMs) {
        for (final ArrayDeque<Pending> queue : pending.values()) {
            for (final Pending p : queue) {
                if (!p.done && nowMs - p.sentAtMs > timeoutMs) {
                    return true;
                }
            }
        }
        return false;
    }

    public synchronized int waiting() {
        return index.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Forgets every pending publish after the task asked Connect to rewind to {@code rewoundTo}; until
     * a record at or before that offset is sent again, nothing past it is committable (Connect may ask
     * for offsets before it has applied the rewind).
     */
    public synchronized void rewound(final Map<TopicPartition, Long> rewoundTo) {
        generation++;
        pending.clear();
        index.clear();
        completedUpTo.clear();
        rewoundTo.forEach((tp, offset) -> floor.merge(tp, offset, Math::min));
    }

    public synchronized void forget(final Iterable<TopicPartition> partitions) {
        for (final TopicPartition tp : partitions) {
            pending.remove(tp);
            index.remove(tp);
            completedUpTo.remove(tp);
            floor.remove(tp);
        }
    }
}
