package dev.pdm.iiot.events;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTopicsTest {

    private final Map<String, TopicSpec> byName = KafkaTopics.all().stream()
            .collect(Collectors.toMap(TopicSpec::name, Function.identity()));

    @Test
    void listsEveryTopicOnce() {
        assertThat(byName).containsOnlyKeys(KafkaTopics.TELEMETRY, KafkaTopics.TELEMETRY_DLQ, KafkaTopics.ALERTS,
                KafkaTopics.STATUS, KafkaTopics.MODELS, KafkaTopics.ALERT_COMMANDS, KafkaTopics.MACHINE_COMMANDS,
                KafkaTopics.PEER_LEVELS, KafkaTopics.PEER_COMPARISONS, KafkaTopics.MINUTE_AGGREGATES,
                KafkaTopics.HISTORY_DLQ);
    }

    @Test
    void compactsTheLatestValueTopicsOnly() {
        assertThat(byName.get(KafkaTopics.STATUS).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(byName.get(KafkaTopics.MODELS).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(byName.get(KafkaTopics.TELEMETRY).configs()).isEmpty();
        assertThat(byName.get(KafkaTopics.ALERTS).configs()).isEmpty();
    }

    @Test
    void topicsProcessedTogetherArePartitionedAlike() {
        assertThat(byName.get(KafkaTopics.ALERT_COMMANDS).partitions())
                .isEqualTo(byName.get(KafkaTopics.TELEMETRY).partitions());
        assertThat(byName.get(KafkaTopics.MACHINE_COMMANDS).partitions())
                .isEqualTo(byName.get(KafkaTopics.TELEMETRY).partitions());
        assertThat(byName.get(KafkaTopics.PEER_COMPARISONS).partitions())
                .isEqualTo(byName.get(KafkaTopics.TELEMETRY).partitions());
    }
}
