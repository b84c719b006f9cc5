package dev.pdm.iiot.localstack.support;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.List;
import java.util.Map;

/**
 * A trivial source connector for tests: one task that writes {@code count} records with keys
 * {@code key-0 .. key-(count-1)} and values {@code value-0 ..} to {@code topic}, in batches of 100
 * every {@code interval.ms}, remembering its position as a source offset so that a restarted worker
 * continues where it stopped.
 */
public final class CountingSourceConnector extends SourceConnector {

    public static final String TOPIC = "topic";
    public static final String COUNT = "count";
    public static final String INTERVAL_MS = "interval.ms";

    static final ConfigDef CONFIG = new ConfigDef()
            .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "Topic to write to.")
            .define(COUNT, ConfigDef.Type.LONG, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.HIGH, "How many records to write.")
            .define(INTERVAL_MS, ConfigDef.Type.LONG, 0L, ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.LOW, "Pause before each batch after the first.");

    private Map<String, String> config;

    @Override
    public void start(final Map<String, String> props) {
        CONFIG.parse(props);
        this.config = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CountingSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        return List.of(config);
    }

    @Override
    public void stop() {
        // nothing to release
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "test";
    }
}
