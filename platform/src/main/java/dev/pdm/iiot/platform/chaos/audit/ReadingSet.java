package dev.pdm.iiot.platform.chaos.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Readings identified by machine id and {@code seq}, a {@link SeqSet} per machine. Not thread-safe;
 * {@link AcknowledgedReadings} is the thread-safe one.
 */
public final class ReadingSet {

    private final Map<String, SeqSet> machines = new TreeMap<>();
    private long size;

    /** @return whether the reading was new */
    public boolean add(final String machineId, final long seq) {
        final boolean added = machines.computeIfAbsent(machineId, m -> new SeqSet()).add(seq);
        if (added) {
            size++;
        }
        return added;
    }

    public boolean contains(final String machineId, final long seq) {
        final SeqSet set = machines.get(machineId);
        return set != null && set.contains(seq);
    }

    /** Distinct readings. */
    public long size() {
        return size;
    }

    /** The machines, in order. */
    public List<String> machineIds() {
        return List.copyOf(machines.keySet());
    }

    /** Puts a machine's numbers, replacing any it had. */
    void put(final String machineId, final SeqSet seqs) {
        final SeqSet old = machines.put(machineId, seqs);
        size += seqs.size() - (old == null ? 0 : old.size());
    }

    /** One machine's numbers, or null; the set itself, not a copy. */
    SeqSet machine(final String machineId) {
        return machines.get(machineId);
    }

    /**
     * The readings of this set that {@code other} lacks: how many, and up to {@code cap} of them as
     * {@code machine:seq}, machine by machine.
     */
    public Missing missingFrom(final ReadingSet other, final int cap) {
        long count = 0;
        final List<String> first = new ArrayList<>();
        for (final Map.Entry<String, SeqSet> entry : machines.entrySet()) {
            final SeqSet.Missing missing = entry.getValue().missingFrom(other.machine(entry.getKey()),
                    Math.max(0, cap - first.size()));
            count += missing.count();
            missing.first().forEach(seq -> first.add(entry.getKey() + ":" + seq));
        }
        return new Missing(count, Collections.unmodifiableList(first));
    }

    /** A copy of this set without the readings of {@code other}. */
    public ReadingSet without(final ReadingSet other) {
        final ReadingSet rest = new ReadingSet();
        for (final String machineId : machineIds()) {
            machine(machineId).forEach(seq -> {
                if (!other.contains(machineId, seq)) {
                    rest.add(machineId, seq);
                }
            });
        }
        return rest;
    }

    /** Readings one set holds and another lacks: how many, and a few as {@code machine:seq}. */
    public record Missing(long count, List<String> first) {
    }
}
