package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.bridge.RecordSize;
import dev.pdm.iiot.connect.Version;
import dev.pdm.iiot.connect.config.MqttCommonConfig;
import dev.pdm.iiot.connect.config.MqttSourceConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka Connect source of MQTT messages (readings on {@code factory/machines/+/sensors} by default)
 * into a Kafka topic ({@code machine-telemetry}), at least once. Tasks split the messages through an
 * MQTT 5 shared subscription; several independent brokers are each subscribed to.
 */
public final class MqttSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceConnector.class);

    private Map<String, String> props;
    private MqttSourceConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        this.config = new MqttSourceConfig(props);
        this.props = Map.copyOf(props);
        LOG.info("MQTT source connector started for {} on {}", config.topicFilters(), config.serverUris());
        if (!"all".equalsIgnoreCase(config.errorsTolerance())) {
            LOG.warn("{}={}: a record Kafka refuses for good (larger than the producer or the topic takes, not "
                            + "authorized, ...) fails its task, and its MQTT message, never acknowledged, stays in the "
                            + "broker's session and fails the task again after every restart. Set {}=all to skip such "
                            + "a record instead: its message is acknowledged and counted in mqtt-messages-skipped-total",
                    MqttSourceConfig.ERRORS_TOLERANCE, config.errorsTolerance(), MqttSourceConfig.ERRORS_TOLERANCE);
        }
        if (!config.bridgeSettings().deadLettersFit()) {
            LOG.warn("{}={} leaves no room for a dead letter of {} payload bytes ({}) and up to {} bytes of key and "
                            + "headers: Kafka refuses such dead letters; lower {} or raise the limit",
                    MqttSourceConfig.PRODUCER_MAX_REQUEST_SIZE, config.maxRecordBytes(), config.dlqExcerptBytes(),
                    MqttSourceConfig.DLQ_EXCERPT_BYTES, RecordSize.DEAD_LETTER_OVERHEAD,
                    MqttSourceConfig.DLQ_EXCERPT_BYTES);
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MqttSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        final List<TaskAssignment> plan = TaskAssignment.plan(config.serverUris(), maxTasks,
                config.sharedSubscription(), config.clientIdPrefix("mqtt-source"));
        if (!config.sharedSubscription() && maxTasks > config.serverUris().size()) {
            LOG.warn("tasks.max={} but {}=false: one task per broker runs ({} tasks); without a shared "
                            + "subscription more tasks would receive every message twice",
                    maxTasks, MqttSourceConfig.SHARED_SUBSCRIPTION, plan.size());
        }
        final List<Map<String, String>> configs = new ArrayList<>(plan.size());
        for (final TaskAssignment assignment : plan) {
            final Map<String, String> task = new HashMap<>(props);
            assignment.writeTo(task);
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        LOG.info("MQTT source connector stopped");
    }

    /** Checks every key, and then the settings that must agree with each other. */
    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        return MqttCommonConfig.withCrossFieldProblems(super.validate(connectorConfigs),
                () -> MqttSourceConfig.unchecked(connectorConfigs));
    }

    @Override
    public ConfigDef config() {
        return MqttSourceConfig.CONFIG_DEF;
    }

    /** MQTT offers no replay, so the source cannot be exactly once. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(final Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }
}
