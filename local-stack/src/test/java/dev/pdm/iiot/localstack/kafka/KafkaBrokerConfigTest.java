package dev.pdm.iiot.localstack.kafka;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerConfigTest {

    private final KafkaBrokerConfig config = new KafkaBrokerConfig(Path.of("/data/kafka"), "0.0.0.0", "localhost",
            9092, 9093, Map.of());

    @Test
    void describesOneCombinedBrokerAndControllerWithAStaticQuorum() {
        final Map<String, String> props = config.serverProperties();

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:9092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", Path.of("/data/kafka").toAbsolutePath().toString());
        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void sizesEveryInternalTopicForOneNodeSoThatTransactionsWork() {
        assertThat(config.serverProperties())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void overridesReplaceDefaultsAndAddProperties() {
        final KafkaBrokerConfig overridden = new KafkaBrokerConfig(Path.of("/data"), "127.0.0.1", "127.0.0.1",
                9092, 9093, Map.of("num.partitions", "6", "group.initial.rebalance.delay.ms", "3000"));

        assertThat(overridden.serverProperties())
                .containsEntry("num.partitions", "6")
                .containsEntry("group.initial.rebalance.delay.ms", "3000");
    }

    @Test
    void needsResolvedPortsForItsProperties() {
        final KafkaBrokerConfig unresolved = KafkaBrokerConfig.loopback(Path.of("/data"));

        assertThatThrownBy(unresolved::serverProperties).isInstanceOf(IllegalStateException.class);
        assertThat(unresolved.withPorts(1, 2).serverProperties()).containsEntry("controller.quorum.voters",
                "1@127.0.0.1:2");
    }
}
