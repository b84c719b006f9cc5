package dev.pdm.iiot.platform.chaos;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a consumer group has caught up with a moment of a topic: the topic's end offsets are
 * taken at that moment ({@link #ends}), and the group has caught up once it committed at least
 * those offsets on every partition ({@link #reached}): a live topic's lag is never zero for long,
 * but a moment's offsets are passed as soon as the group processed what came before it.
 */
final class GroupLag {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;

    GroupLag(final Admin admin) {
        this.admin = admin;
    }

    /** The end offset of every partition of {@code topic} now; empty when Kafka does not answer. */
    Map<TopicPartition, Long> ends(final String topic) {
        try {
            final int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().size();
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            final Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka for end offsets", e);
        }
    }

    /**
     * Whether {@code group} has committed at least {@code ends} on every partition, or, on an empty
     * partition, has nothing to commit; false when Kafka does not answer or {@code ends} is empty.
     * With {@code transactional}, one short of the end counts too: every write to such a topic ends
     * with a commit marker, which a consumer that has read everything does not commit past until the
     * next record comes.
     */
    boolean reached(final String group, final Map<TopicPartition, Long> ends, final boolean transactional) {
        final long slack = transactional ? 1 : 0;
        if (ends.isEmpty()) {
            return false;
        }
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(end -> {
                final OffsetAndMetadata offset = committed.get(end.getKey());
                return end.getValue() == 0 || offset != null && offset.offset() >= end.getValue() - slack;
            });
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka for a group's offsets", e);
        }
    }

    /** Whether the group is between two assignments now (Kafka unreachable counts as not). */
    boolean rebalancing(final String group) {
        try {
            final ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .describedGroups().get(group).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return description.groupState() == GroupState.PREPARING_REBALANCE
                    || description.groupState() == GroupState.COMPLETING_REBALANCE;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing a group", e);
        }
    }
}
