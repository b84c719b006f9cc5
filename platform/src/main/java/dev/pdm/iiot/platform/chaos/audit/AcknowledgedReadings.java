package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.events.MqttTopics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The readings devices got a PUBACK for, by machine id and {@code seq}: a bitset of sequence
 * numbers per machine, so that millions of readings take a few MiB. Thread-safe; {@link #add(String,
 * byte[])} is meant to be called on the MQTT client's threads for every PUBACK.
 */
public final class AcknowledgedReadings {

    private final Map<String, SeqSet> machines = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong withoutSeq = new AtomicLong();

    /**
     * Records the reading published on {@code mqttTopic}: its machine from the topic
     * ({@code factory/machines/{id}/sensors}) or else the payload's {@code machine_id}, its
     * {@code seq} from the payload. A reading without either is counted in {@link #withoutSeq()}.
     */
    public void add(final String mqttTopic, final byte[] payload) {
        final String machineId = MqttTopics.machineIdOf(mqttTopic).orElseGet(() -> ReadingFields.machineId(payload));
        final long seq = ReadingFields.seq(payload);
        if (machineId == null || seq < 0) {
            withoutSeq.incrementAndGet();
            return;
        }
        add(machineId, seq);
    }

    public void add(final String machineId, final long seq) {
        final SeqSet seqs = machines.computeIfAbsent(machineId, m -> new SeqSet());
        final boolean added;
        synchronized (seqs) {
            added = seqs.add(seq);
        }
        if (added) {
            count.incrementAndGet();
        }
    }

    /** Distinct readings acknowledged. */
    public long count() {
        return count.get();
    }

    /** Acknowledged readings that named no machine or carried no {@code seq}: they cannot be audited. */
    public long withoutSeq() {
        return withoutSeq.get();
    }

    public boolean contains(final String machineId, final long seq) {
        final SeqSet seqs = machines.get(machineId);
        if (seqs == null) {
            return false;
        }
        synchronized (seqs) {
            return seqs.contains(seq);
        }
    }

    /** A copy of what was acknowledged so far. */
    public ReadingSet snapshot() {
        final ReadingSet copy = new ReadingSet();
        machines.forEach((machineId, seqs) -> {
            synchronized (seqs) {
                copy.put(machineId, seqs.copy());
            }
        });
        return copy;
    }
}
