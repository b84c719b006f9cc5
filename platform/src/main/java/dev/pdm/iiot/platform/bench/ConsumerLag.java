package dev.pdm.iiot.platform.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The records of a topic a consumer group has not committed yet: a sink connector's lag (Connect
 * commits a sink's offsets once they are written, every {@code offset.flush.interval.ms}).
 */
record ConsumerLag(Admin admin, String topic, String group) {

    long remaining() throws InterruptedException {
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            final List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            final Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            return remaining(ends, committed);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the lag of " + group, e.getCause());
        }
    }

    /** Records after the committed offset of each partition (all of them where none is committed). */
    static long remaining(final Map<TopicPartition, Long> ends, final Map<TopicPartition, OffsetAndMetadata> committed) {
        long sum = 0;
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            final OffsetAndMetadata done = committed.get(end.getKey());
            sum += Math.max(0, end.getValue() - (done == null ? 0 : done.offset()));
        }
        return sum;
    }
}
