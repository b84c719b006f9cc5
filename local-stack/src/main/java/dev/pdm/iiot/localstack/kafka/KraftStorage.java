package dev.pdm.iiot.localstack.kafka;

import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The broker's storage format step, as {@code kafka-storage.sh format} does it: a new folder gets
 * a cluster id, {@code meta.properties} and the bootstrap metadata of the latest production
 * metadata version; a folder formatted before is left as it is, with its data.
 */
final class KraftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {
    }

    /**
     * Formats the log directory of {@code config} unless it is formatted already.
     *
     * @param clusterId the id of the cluster a new directory joins; empty = a new random id
     * @return the cluster id of the directory
     */
    static String formatIfNeeded(final KafkaConfig config, final String clusterId) throws Exception {
        final String logDir = config.metadataLogDir();
        final MetaPropertiesEnsemble existing = new MetaPropertiesEnsemble.Loader()
                .addMetadataLogDir(logDir)
                .addLogDirs(List.of(logDir))
                .load();
        if (existing.emptyLogDirs().isEmpty() && existing.clusterId().isPresent()) {
            LOG.info("Kafka storage {} is formatted already (cluster {}): keeping its data",
                    logDir, existing.clusterId().get());
            return existing.clusterId().get();
        }
        final String id = existing.clusterId()
                .orElseGet(() -> clusterId.isEmpty() ? Uuid.randomUuid().toString() : clusterId);
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(config.nodeId())
                    .setClusterId(id)
                    .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
                    .setIgnoreFormatted(true)
                    .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir)
                    .setHasDynamicQuorum(false)
                    .addDirectory(logDir)
                    .run();
        }
        LOG.info("Formatted Kafka storage {} of node {} for cluster {}", logDir, config.nodeId(), id);
        LOG.debug("Formatter said: {}", output.toString(StandardCharsets.UTF_8).strip());
        return id;
    }
}
