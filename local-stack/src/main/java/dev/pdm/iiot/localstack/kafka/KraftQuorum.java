package dev.pdm.iiot.localstack.kafka;

import java.util.Objects;

/**
 * A node's place in a KRaft quorum: its id, the static controller quorum it votes in, and the
 * cluster id its storage is formatted with.
 *
 * @param nodeId    the node's {@code node.id}, at least 0
 * @param voters    {@code controller.quorum.voters} ({@code 1@127.0.0.1:9093,2@…}); empty = this node
 *                  alone, on its own controller port
 * @param clusterId the id a new storage is formatted with, the same on every node of a cluster;
 *                  empty = a new random id at the first start
 */
public record KraftQuorum(int nodeId, String voters, String clusterId) {

    public KraftQuorum {
        if (nodeId < 0) {
            throw new IllegalArgumentException("node id must be at least 0, was " + nodeId);
        }
        Objects.requireNonNull(voters, "voters");
        Objects.requireNonNull(clusterId, "clusterId");
    }

    /** The one-node quorum of a single broker: node {@link KafkaBrokerConfig#NODE_ID}, a new cluster id. */
    public static KraftQuorum single() {
        return new KraftQuorum(KafkaBrokerConfig.NODE_ID, "", "");
    }

    /** {@code controller.quorum.voters} for a node whose controller listens on {@code controllerPort}. */
    public String votersFor(final int controllerPort) {
        return voters.isEmpty() ? nodeId + "@" + KafkaBrokerConfig.CONTROLLER_HOST + ":" + controllerPort : voters;
    }
}
