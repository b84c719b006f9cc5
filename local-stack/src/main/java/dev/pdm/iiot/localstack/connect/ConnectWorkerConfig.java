package dev.pdm.iiot.localstack.connect;

import dev.pdm.iiot.localstack.Ports;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the distributed Kafka Connect worker and the worker properties they make.
 *
 * @param bootstrapServers the Kafka cluster the worker keeps its configs, offsets and status in
 * @param bindAddress      address of the REST listener
 * @param port             REST port, 0 = a free port chosen at first start
 * @param overrides        worker properties that replace the defaults, or add to them
 */
public record ConnectWorkerConfig(String bootstrapServers, String bindAddress, int port,
                                  Map<String, String> overrides) {

    public static final String GROUP_ID = "local-stack-connect";
    public static final String CONFIG_TOPIC = "connect-configs";
    public static final String OFFSET_TOPIC = "connect-offsets";
    public static final String STATUS_TOPIC = "connect-status";
    /** Key converter of connectors that name none: keys are strings (the machine id). */
    public static final String DEFAULT_KEY_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    /** Value converter of connectors that name none: values are passed through as bytes. */
    public static final String DEFAULT_VALUE_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    public ConnectWorkerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Ports.check(port);
        overrides = Map.copyOf(overrides);
    }

    /** A worker with its REST API on loopback, on a free port, without overrides. */
    public static ConnectWorkerConfig loopback(final String bootstrapServers) {
        return new ConnectWorkerConfig(bootstrapServers, "127.0.0.1", 0, Map.of());
    }

    public ConnectWorkerConfig withPort(final int newPort) {
        return new ConnectWorkerConfig(bootstrapServers, bindAddress, newPort, overrides);
    }

    /** The REST API's base URL, e.g. {@code http://127.0.0.1:8083}. */
    public String url() {
        return "http://" + Ports.clientHost(bindAddress) + ":" + port;
    }

    /**
     * The worker's properties: distributed mode with its config, offset and status topics at
     * replication factor 1 (connectors and their offsets survive restarts), plugins found by
     * {@code ServiceLoader} on the classpath ({@code plugin.discovery=service_load}, no scan),
     * String keys and byte-array values by default, offsets flushed every second, and lost tasks
     * reassigned at once (one worker has no peer to wait for). Then the overrides.
     *
     * @throws IllegalStateException while the port is still 0
     */
    public Map<String, String> workerProperties() {
        if (port == 0) {
            throw new IllegalStateException("the REST port is not resolved yet");
        }
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", GROUP_ID);
        props.put("config.storage.topic", CONFIG_TOPIC);
        props.put("offset.storage.topic", OFFSET_TOPIC);
        props.put("status.storage.topic", STATUS_TOPIC);
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", DEFAULT_KEY_CONVERTER);
        props.put("value.converter", DEFAULT_VALUE_CONVERTER);
        props.put("listeners", "http://" + bindAddress + ":" + port);
        props.put("rest.advertised.host.name", Ports.clientHost(bindAddress));
        props.put("rest.advertised.port", String.valueOf(port));
        props.put("plugin.discovery", "service_load");
        props.put("offset.flush.interval.ms", "1000");
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.putAll(overrides);
        return props;
    }
}
