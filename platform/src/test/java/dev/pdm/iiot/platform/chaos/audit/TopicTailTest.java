package dev.pdm.iiot.platform.chaos.audit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TopicTailTest {

    private static final String TOPIC = "machine-alerts";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    private void topicExists() {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null),
                new PartitionInfo(TOPIC, 1, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    private static ConsumerRecord<byte[], byte[]> record(final int partition, final long offset, final String value) {
        return new ConsumerRecord<>(TOPIC, partition, offset, null, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void handsEveryRecordOverAndCatchesUpToTheEndsAtTheCall() throws Exception {
        // given a tail of a topic with two partitions
        topicExists();
        final List<String> handled = new CopyOnWriteArrayList<>();
        try (TopicTail tail = new TopicTail(TOPIC, consumer, partitions -> Map.of(P0, 2L, P1, 1L),
                r -> handled.add(r.partition() + "@" + r.offset())).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().size() == 2);

            // when three records arrive
            consumer.addRecord(record(0, 0, "a"));
            consumer.addRecord(record(0, 1, "b"));
            consumer.addRecord(record(1, 0, "c"));
            tail.awaitCaughtUp(Duration.ofSeconds(10));

            // then each was handed over, in order per partition
            assertThat(handled).containsExactlyInAnyOrder("0@0", "0@1", "1@0");
            assertThat(handled.indexOf("0@0")).isLessThan(handled.indexOf("0@1"));
            assertThat(tail.handled()).isEqualTo(3);
        }
    }

    @Test
    void saysWhichPartitionIsBehindWhenItDoesNotCatchUpInTime() throws Exception {
        topicExists();
        try (TopicTail tail = new TopicTail(TOPIC, consumer, partitions -> Map.of(P0, 5L, P1, 0L), r -> { })
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().size() == 2);
            consumer.addRecord(record(0, 0, "a"));

            assertThatThrownBy(() -> tail.awaitCaughtUp(Duration.ofMillis(500)))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining(TOPIC)
                    .hasMessageContaining("{0=[1, 5]}");
        }
    }

    @Test
    void waitsForATopicThatDoesNotExistYet() throws Exception {
        try (TopicTail tail = new TopicTail(TOPIC, consumer, partitions -> Map.of(P0, 0L, P1, 0L), r -> { })
                .start()) {
            assertThatThrownBy(() -> tail.awaitCaughtUp(Duration.ofMillis(300)))
                    .isInstanceOf(TimeoutException.class).hasMessageContaining("no partitions yet");

            topicExists();

            tail.awaitCaughtUp(Duration.ofSeconds(10));
            assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
        }
    }

    @Test
    void reportsAHandlerThatFailed() throws Exception {
        topicExists();
        final TopicTail tail = new TopicTail(TOPIC, consumer, partitions -> Map.of(P0, 1L, P1, 0L), r -> {
            throw new IllegalArgumentException("cannot read " + r.offset());
        }).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().size() == 2);

        consumer.addRecord(record(0, 0, "a"));

        assertThatThrownBy(() -> tail.awaitCaughtUp(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot read 0");
        assertThatThrownBy(tail::close).isInstanceOf(IllegalStateException.class);
    }
}
