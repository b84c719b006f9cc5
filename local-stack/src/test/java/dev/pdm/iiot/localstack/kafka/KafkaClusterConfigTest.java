package dev.pdm.iiot.localstack.kafka;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClusterConfigTest {

    private final KafkaClusterConfig cluster = new KafkaClusterConfig(Path.of("/data/cluster"),
            List.of(19092, 29092, 39092), List.of(19093, 29093, 39093), "cluster-1", Map.of());

    @Test
    void everyNodeVotesInOneStaticQuorumOfAllNodes() {
        final Map<String, String> node2 = cluster.node(2).serverProperties();

        assertThat(node2)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093,2@127.0.0.1:29093,3@127.0.0.1:39093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:29092")
                .containsEntry("log.dirs", Path.of("/data/cluster/node-2").toAbsolutePath().toString());
        assertThat(cluster.node(2).quorum().clusterId()).isEqualTo("cluster-1");
        assertThat(cluster.bootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:29092,127.0.0.1:39092");
    }

    @Test
    void replicatesEveryTopicToThreeNodesAndAcknowledgesOnTwo() {
        assertThat(cluster.node(1).serverProperties())
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("share.coordinator.state.topic.replication.factor", "3")
                .containsEntry("unclean.leader.election.enable", "false");
    }

    @Test
    void overridesReplaceTheClusterDefaults() {
        final KafkaClusterConfig overridden = new KafkaClusterConfig(Path.of("/data"), List.of(1, 2, 3),
                List.of(4, 5, 6), "c", Map.of("min.insync.replicas", "3", "num.partitions", "6"));

        assertThat(overridden.node(3).serverProperties())
                .containsEntry("min.insync.replicas", "3")
                .containsEntry("num.partitions", "6")
                .containsEntry("default.replication.factor", "3");
    }

    @Test
    void aNodeProcessGetsExactlyItsSettingsThroughItsCommandLine() {
        final KafkaBrokerConfig node = cluster.node(3);

        final KafkaBrokerConfig parsed = KafkaNodeMain.parse(KafkaNodeMain.args(node).toArray(String[]::new));

        assertThat(parsed).isEqualTo(node);
        assertThat(parsed.serverProperties()).isEqualTo(node.serverProperties());
    }

    @Test
    void freePortsAndANewClusterIdForEachCluster() {
        final KafkaClusterConfig first = KafkaClusterConfig.of(Path.of("/data"), 3, Map.of());
        final KafkaClusterConfig second = KafkaClusterConfig.of(Path.of("/data"), 3, Map.of());

        assertThat(first.ports()).hasSize(3).doesNotContain(0).doesNotContainAnyElementsOf(first.controllerPorts());
        assertThat(first.nodeIds()).containsExactly(1, 2, 3);
        assertThat(first.clusterId()).isNotEqualTo(second.clusterId());
    }

    @Test
    void refusesAnUnknownNodeAndAnIncompleteCommandLine() {
        assertThatThrownBy(() -> cluster.node(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaNodeMain.parse(new String[] {"--node-id", "1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing --data-dir");
    }

    @Test
    void aSingleBrokerStaysNodeOneAloneInItsQuorum() {
        final KafkaBrokerConfig single = new KafkaBrokerConfig(Path.of("/data"), "127.0.0.1", "127.0.0.1", 9092,
                9093, Map.of());

        assertThat(single.quorum()).isEqualTo(KraftQuorum.single());
        assertThat(single.serverProperties()).containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093");
    }
}
