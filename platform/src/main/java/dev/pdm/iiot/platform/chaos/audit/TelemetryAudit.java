package dev.pdm.iiot.platform.chaos.audit;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/**
 * What reached {@code machine-telemetry}: every record's reading by machine id and {@code seq}
 * (the record's key is the machine id; the value is the device's JSON as it sent it, read with
 * {@link ReadingFields}). A reading the broker acknowledged is lost when no record of it is here;
 * a reading here more than once is a duplicate, which the contract allows (a device publishes
 * again what got no PUBACK) and the detector drops by {@code seq}. Records without a key or a
 * {@code seq} cannot be matched and are counted apart. Thread-safe.
 */
public final class TelemetryAudit {

    /** How many lost readings a summary names. */
    public static final int EXAMPLES = 20;

    private final ReadingSet present = new ReadingSet();
    private long records;
    private long withoutSeq;

    /** A record of {@code machine-telemetry}, as the tail hands it over. */
    public void onRecord(final ConsumerRecord<byte[], byte[]> record) {
        final String machineId = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        final long seq = record.value() == null ? -1 : ReadingFields.seq(record.value());
        accept(machineId, seq < 0 ? null : seq);
    }

    /** One record's reading; {@code machineId} or {@code seq} null when the record lacks it. */
    public synchronized void accept(final String machineId, final Long seq) {
        records++;
        if (machineId == null || seq == null) {
            withoutSeq++;
            return;
        }
        present.add(machineId, seq);
    }

    /** A copy of the distinct readings read so far. */
    public synchronized ReadingSet present() {
        final ReadingSet copy = new ReadingSet();
        for (final String machineId : present.machineIds()) {
            copy.put(machineId, present.machine(machineId).copy());
        }
        return copy;
    }

    /** The figures against what devices had acknowledged. */
    public synchronized Summary summary(final ReadingSet acknowledged) {
        final ReadingSet.Missing lost = acknowledged.missingFrom(present, EXAMPLES);
        final long matched = records - withoutSeq;
        return new Summary(records, present.size(), matched - present.size(), withoutSeq, lost.count(), lost);
    }

    /**
     * @param records     records read
     * @param distinct    distinct readings ({@code machine:seq}) among them
     * @param duplicates  records beyond the first of their reading
     * @param withoutSeq  records without a key or a {@code seq}, not matched
     * @param lost        acknowledged readings with no record
     * @param lostReadings how many were lost, and a few of them
     */
    public record Summary(long records, long distinct, long duplicates, long withoutSeq, long lost,
                         ReadingSet.Missing lostReadings) {
    }
}
