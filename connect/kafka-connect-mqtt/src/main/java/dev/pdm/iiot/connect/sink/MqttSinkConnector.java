package dev.pdm.iiot.connect.sink;

import dev.pdm.iiot.connect.Version;
import dev.pdm.iiot.connect.config.MqttCommonConfig;
import dev.pdm.iiot.connect.config.MqttSinkConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka Connect sink that publishes records (alerts of {@code machine-alerts}) to MQTT
 * ({@code factory/alerts/anomaly} at QoS 2 by default, as the prototype did), at least once.
 */
public final class MqttSinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSinkConnector.class);

    private Map<String, String> props;
    private MqttSinkConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        this.config = new MqttSinkConfig(props);
        this.props = Map.copyOf(props);
        LOG.info("MQTT sink connector started: to {} on {}", config.topicTemplate(), config.serverUri());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MqttSinkTask.class;
    }

    /** Every task is the same but for its client id, which must be unique on the broker. */
    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        final String prefix = config.clientIdPrefix("mqtt-sink");
        final List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            final Map<String, String> task = new HashMap<>(props);
            task.put(MqttSinkTask.TASK_CLIENT_ID, prefix + "-" + i);
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        LOG.info("MQTT sink connector stopped");
    }

    /** Checks every key, and then the settings that must agree with each other. */
    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        return MqttCommonConfig.withCrossFieldProblems(super.validate(connectorConfigs),
                () -> MqttSinkConfig.unchecked(connectorConfigs));
    }

    @Override
    public ConfigDef config() {
        return MqttSinkConfig.CONFIG_DEF;
    }
}
