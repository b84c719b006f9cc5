package dev.pdm.iiot.platform.bench;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerLagTest {

    @Test
    void theLagIsWhatEachPartitionHasAfterItsCommittedOffset() {
        final TopicPartition p0 = new TopicPartition("machine-minute-aggregates", 0);
        final TopicPartition p1 = new TopicPartition("machine-minute-aggregates", 1);
        final TopicPartition p2 = new TopicPartition("machine-minute-aggregates", 2);

        final long lag = ConsumerLag.remaining(Map.of(p0, 100L, p1, 50L, p2, 7L),
                Map.of(p0, new OffsetAndMetadata(100), p1, new OffsetAndMetadata(20)));

        assertThat(lag).isEqualTo(0 + 30 + 7);
    }
}
