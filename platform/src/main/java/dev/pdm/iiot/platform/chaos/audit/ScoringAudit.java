package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.events.model.ScoredReading;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the detector accepted, from the changelog of its recent-readings store
 * ({@code streams-detector-readings-store-changelog}): the detector writes every reading it accepts
 * there (scored by a model, or collected for training while the machine learns) in the transaction
 * that commits the telemetry offset it consumed, and drops a reading whose {@code seq} is not above
 * the machine's last one. Read {@code read_committed}, each reading ({@code machine:seq}) must be
 * there exactly once: a second record is a reading scored twice, and a telemetry reading with none
 * was never scored (rejected to the dead-letter topic, or dropped as stale because a higher
 * {@code seq} of its machine was accepted first).
 *
 * <p>The store's values are in the detector's own binary format; the caller hands over its
 * deserializer ({@code dev.pdm.iiot.detector.model.ScoredReadingSerde}), which this module does
 * not ship. The changelog is compacted and time-limited (the store's retention plus a day); its
 * keys are unique per record (the store keeps duplicates), so compaction removes nothing, but a run
 * longer than the retention would lose its oldest readings: read it live, from the run's start.
 *
 * <p>For recovery times it keeps, per partition, the latest reading time accepted so far and the
 * wall-clock time that record was read. Thread-safe.
 */
public final class ScoringAudit {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringAudit.class);

    /** How many examples a summary names. */
    public static final int EXAMPLES = 20;

    private final Deserializer<ScoredReading> values;
    private final Clock clock;
    private final ReadingSet accepted = new ReadingSet();
    private final Map<Integer, Progress> progress = new TreeMap<>();
    private final List<String> duplicateExamples = new ArrayList<>();
    private long records;
    private long duplicates;
    private long withoutSeq;
    private long scoredByModel;
    private long unreadable;
    private Instant lastReadAt;

    public ScoringAudit(final Deserializer<ScoredReading> values, final Clock clock) {
        this.values = values;
        this.clock = clock;
    }

    /** A record of the changelog, as the tail hands it over; tombstones are skipped. */
    public void onRecord(final ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        final ScoredReading scored;
        try {
            scored = values.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            synchronized (this) {
                if (unreadable++ == 0) {
                    LOG.warn("unreadable record in {} at partition {} offset {}: {}", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                }
            }
            return;
        }
        if (scored != null && scored.reading() != null) {
            accept(record.partition(), scored, clock.instant());
        }
    }

    /** One accepted reading, found in {@code partition} at wall-clock time {@code readAt}. */
    public synchronized void accept(final int partition, final ScoredReading scored, final Instant readAt) {
        records++;
        lastReadAt = readAt;
        if (scored.score() != null) {
            scoredByModel++;
        }
        final Instant taken = scored.reading().timestamp();
        final Progress before = progress.get(partition);
        if (before == null || taken.isAfter(before.latestReading())) {
            progress.put(partition, new Progress(taken, readAt));
        }
        final Long seq = scored.reading().seq();
        if (seq == null || seq < 0) {
            withoutSeq++;
            return;
        }
        if (!accepted.add(scored.reading().machineId(), seq)) {
            duplicates++;
            if (duplicateExamples.size() < EXAMPLES) {
                duplicateExamples.add(scored.reading().machineId() + ":" + seq);
            }
        }
    }

    /** Whether {@code partition} accepted a reading taken after {@code since}. */
    public synchronized boolean scoredAfter(final int partition, final Instant since) {
        final Progress p = progress.get(partition);
        return p != null && p.latestReading().isAfter(since);
    }

    /** The wall-clock time the latest changelog record was read, or null before the first. */
    public synchronized Instant lastScoredAt() {
        return lastReadAt;
    }

    /** Per partition, the latest reading time accepted and when it was read. */
    public synchronized Map<Integer, Progress> progress() {
        return Map.copyOf(progress);
    }

    /** The partitions that accepted readings so far. */
    public synchronized Set<Integer> partitions() {
        return Set.copyOf(progress.keySet());
    }

    /** The figures, against the distinct readings of {@code machine-telemetry}. */
    public synchronized Summary summary(final ReadingSet telemetry) {
        final ReadingSet.Missing unscored = telemetry.missingFrom(accepted, EXAMPLES);
        long stale = 0;
        if (unscored.count() > 0) {
            for (final String machineId : telemetry.machineIds()) {
                final SeqSet scoredSeqs = accepted.machine(machineId);
                if (scoredSeqs != null) {
                    stale += telemetry.machine(machineId).countMissingBelow(scoredSeqs, scoredSeqs.max());
                }
            }
        }
        return new Summary(records, accepted.size(), duplicates, List.copyOf(duplicateExamples), withoutSeq,
                scoredByModel, unreadable, unscored.count(), stale, unscored);
    }

    /** The latest reading time a partition accepted, and the wall-clock time it was read. */
    public record Progress(Instant latestReading, Instant readAt) {
    }

    /**
     * @param records           records of accepted readings
     * @param distinct          distinct readings ({@code machine:seq}) among them
     * @param duplicates        records beyond the first of their reading: readings scored twice
     * @param duplicateExamples a few of them, {@code machine:seq}
     * @param withoutSeq        records of readings without a {@code seq}, not matched
     * @param scoredByModel     records a model scored (the rest were collected for training)
     * @param unreadable        records the deserializer could not read
     * @param unscored          distinct telemetry readings never accepted
     * @param unscoredBelowLatest those of them below the highest {@code seq} the machine had accepted:
     *                          most likely dropped as stale, having reached the detector after a later one
     * @param unscoredReadings  how many, and a few of them
     */
    public record Summary(long records, long distinct, long duplicates, List<String> duplicateExamples,
                          long withoutSeq, long scoredByModel, long unreadable, long unscored,
                          long unscoredBelowLatest, ReadingSet.Missing unscoredReadings) {
    }
}
