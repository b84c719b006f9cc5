package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.detector.model.ScoredReadingSerde;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringAuditTest {

    private static final String CHANGELOG = ChaosAudit.READINGS_CHANGELOG;
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-06T10:05:00Z");

    private final ScoredReadingSerde serde = new ScoredReadingSerde();
    private final ScoringAudit audit = new ScoringAudit(new StoredScoredReadings(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static ScoredReading scored(final String machineId, final long seq, final Double score) {
        final TelemetryReading reading = new TelemetryReading(machineId, T0.plusSeconds(seq),
                Map.of("temperature", 60.0), 1, seq);
        return new ScoredReading(reading, score, score == null ? null : 0.6, false, score == null ? null : 1);
    }

    private ConsumerRecord<byte[], byte[]> record(final int partition, final ScoredReading value) {
        return new ConsumerRecord<>(CHANGELOG, partition, 0, new byte[] {1},
                value == null ? null : serde.serialize(CHANGELOG, value));
    }

    @Test
    void findsReadingsScoredTwiceAndTelemetryReadingsNeverScored() {
        // given M1's readings 0..3 in the telemetry; 0 and 1 scored, 1 twice
        final ReadingSet telemetry = new ReadingSet();
        for (long seq = 0; seq < 4; seq++) {
            telemetry.add("M1", seq);
        }
        audit.onRecord(record(0, scored("M1", 0, null)));
        audit.onRecord(record(0, scored("M1", 1, 0.4)));
        audit.onRecord(record(0, scored("M1", 1, 0.4)));

        // when summed up
        final ScoringAudit.Summary summary = audit.summary(telemetry);

        // then 1 was scored twice, 2 and 3 never
        assertThat(summary.records()).isEqualTo(3);
        assertThat(summary.distinct()).isEqualTo(2);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.duplicateExamples()).containsExactly("M1:1");
        assertThat(summary.unscored()).isEqualTo(2);
        assertThat(summary.unscoredReadings().first()).containsExactly("M1:2", "M1:3");
        assertThat(summary.scoredByModel()).isEqualTo(2);
        assertThat(summary.unscoredBelowLatest()).isZero();
    }

    @Test
    void tellsReadingsDroppedAsStaleFromThoseNeverReached() {
        // given M1's readings 0..4 in the telemetry; 0, 1 and 3 scored (2 reached the detector after 3)
        final ReadingSet telemetry = new ReadingSet();
        for (long seq = 0; seq < 5; seq++) {
            telemetry.add("M1", seq);
        }
        for (final long seq : new long[] {0, 1, 3}) {
            audit.accept(0, scored("M1", seq, 0.3), NOW);
        }

        final ScoringAudit.Summary summary = audit.summary(telemetry);

        // then 2 and 4 are unscored, 2 of them below the latest scored seq
        assertThat(summary.unscored()).isEqualTo(2);
        assertThat(summary.unscoredBelowLatest()).isEqualTo(1);
    }

    @Test
    void skipsTombstonesAndCountsUnreadableRecords() {
        audit.onRecord(record(0, null));
        audit.onRecord(new ConsumerRecord<>(CHANGELOG, 0, 1, new byte[] {1}, new byte[] {9, 9, 9}));

        final ScoringAudit.Summary summary = audit.summary(new ReadingSet());

        assertThat(summary.records()).isZero();
        assertThat(summary.unreadable()).isEqualTo(1);
    }

    @Test
    void tellsPerPartitionWhetherAReadingAfterAnInstantWasScored() {
        // given partition 3 scored M1's reading taken at T0 + 10 s
        audit.onRecord(record(3, scored("M1", 10, 0.2)));

        // then it scored after T0 + 9 s but not after T0 + 10 s, and partition 4 scored nothing
        assertThat(audit.scoredAfter(3, T0.plusSeconds(9))).isTrue();
        assertThat(audit.scoredAfter(3, T0.plusSeconds(10))).isFalse();
        assertThat(audit.scoredAfter(4, T0)).isFalse();
        assertThat(audit.lastScoredAt()).isEqualTo(NOW);
        assertThat(audit.progress().get(3)).isEqualTo(new ScoringAudit.Progress(T0.plusSeconds(10), NOW));
        assertThat(audit.partitions()).containsExactly(3);
    }

    @Test
    void keepsTheLatestReadingTimeWhenAnOlderOneComesLater() {
        audit.accept(0, scored("M1", 20, 0.1), NOW);
        audit.accept(0, scored("M2", 5, 0.1), NOW.plusSeconds(1));

        assertThat(audit.progress().get(0).latestReading()).isEqualTo(T0.plusSeconds(20));
        assertThat(audit.lastScoredAt()).isEqualTo(NOW.plusSeconds(1));
    }
}
