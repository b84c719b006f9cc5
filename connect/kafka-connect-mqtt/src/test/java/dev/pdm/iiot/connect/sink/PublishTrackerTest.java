package dev.pdm.iiot.connect.sink;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PublishTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("machine-alerts", 0);
    private static final TopicPartition P1 = new TopicPartition("machine-alerts", 1);

    private final PublishTracker tracker = new PublishTracker();

    @Test
    void commitsOnlyUpToTheOldestUnacknowledgedPublish() {
        tracker.sent(P0, 10, 0);
        tracker.sent(P0, 11, 0);
        tracker.sent(P0, 12, 0);
        final long gen = tracker.generation();

        tracker.done(P0, 10, gen);
        tracker.done(P0, 12, gen);

        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(13))))
                .containsEntry(P0, new OffsetAndMetadata(11));
        tracker.done(P0, 11, gen);
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(13))))
                .containsEntry(P0, new OffsetAndMetadata(13));
    }

    @Test
    void commitsNothingForAPartitionWhoseFirstPublishIsUnacknowledged() {
        tracker.sent(P0, 5, 0);
        tracker.sent(P1, 7, 0);
        tracker.done(P1, 7, tracker.generation());

        final Map<TopicPartition, OffsetAndMetadata> committable =
                tracker.committable(Map.of(P0, new OffsetAndMetadata(6), P1, new OffsetAndMetadata(8)));

        assertThat(committable).doesNotContainKey(P0).containsEntry(P1, new OffsetAndMetadata(8));
        assertThat(tracker.oldestPending()).containsExactlyEntriesOf(Map.of(P0, 5L));
        assertThat(tracker.waiting()).isEqualTo(1);
    }

    @Test
    void ignoresAcknowledgementsFromBeforeARewind() {
        tracker.sent(P0, 5, 0);
        final long before = tracker.generation();
        tracker.rewound(Map.of(P0, 5L));
        tracker.sent(P0, 5, 0);

        tracker.done(P0, 5, before);

        assertThat(tracker.waiting()).isEqualTo(1);
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(6)))).isEmpty();
    }

    @Test
    void commitsNothingPastARewindUntilTheRewoundRecordsAreSentAgain() {
        tracker.sent(P0, 5, 0);
        tracker.sent(P0, 6, 0);
        tracker.done(P0, 5, tracker.generation());

        tracker.rewound(Map.of(P0, 6L));

        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(9))))
                .as("Connect has not applied the rewind yet").containsEntry(P0, new OffsetAndMetadata(6));
        tracker.sent(P0, 6, 0);
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(7)))).isEmpty();
        tracker.done(P0, 6, tracker.generation());
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(7))))
                .containsEntry(P0, new OffsetAndMetadata(7));
    }

    @Test
    void knowsWhenAPublishWaitedTooLong() {
        tracker.sent(P0, 1, 1_000);

        assertThat(tracker.anyOlderThan(1_500, 1_000)).isFalse();
        assertThat(tracker.anyOlderThan(2_001, 1_000)).isTrue();
    }
}
