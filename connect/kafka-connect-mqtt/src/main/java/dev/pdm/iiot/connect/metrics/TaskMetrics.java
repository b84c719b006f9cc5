package dev.pdm.iiot.connect.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A task's metrics, published through Connect's plugin metrics (KIP-877): on the worker's JMX
 * reporter they appear as attributes of {@code kafka.connect:type=plugins,connector={name},task={id}}.
 * Each metric is a gauge reading a counter the task keeps; {@link #values()} gives the same numbers
 * without a worker.
 */
public final class TaskMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

    private final Map<String, LongSupplier> gauges = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    private final List<MetricName> registered = new ArrayList<>();
    private PluginMetrics pluginMetrics;

    public TaskMetrics gauge(final String name, final String description, final LongSupplier value) {
        gauges.put(name, value);
        descriptions.put(name, description);
        return this;
    }

    /** Publishes every gauge; a context without plugin metrics (a test) is fine. */
    public void register(final PluginMetrics metrics) {
        if (metrics == null) {
            return;
        }
        this.pluginMetrics = metrics;
        try {
            for (final Map.Entry<String, LongSupplier> e : gauges.entrySet()) {
                final MetricName name = metrics.metricName(e.getKey(), descriptions.get(e.getKey()), new LinkedHashMap<>());
                final LongSupplier value = e.getValue();
                metrics.addMetric(name, (Gauge<Long>) (config, now) -> value.getAsLong());
                registered.add(name);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not register the plugin metrics: {}", e.toString());
        }
    }

    /** Every metric's current value, by name. */
    public Map<String, Long> values() {
        final Map<String, Long> values = new LinkedHashMap<>();
        gauges.forEach((name, value) -> values.put(name, value.getAsLong()));
        return values;
    }

    @Override
    public void close() {
        if (pluginMetrics == null) {
            return;
        }
        for (final MetricName name : registered) {
            try {
                pluginMetrics.removeMetric(name);
            } catch (RuntimeException e) {
                LOG.debug("Could not remove metric {}: {}", name, e.toString());
            }
        }
        registered.clear();
    }
}
