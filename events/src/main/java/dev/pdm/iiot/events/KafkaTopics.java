package dev.pdm.iiot.events;

import java.util.List;

/**
 * The platform's Kafka topics. Every topic is keyed by machine id, so that all of one machine's
 * records, state and commands live on the same partition number of every topic.
 */
public final class KafkaTopics {

    /** Readings bridged from MQTT, value = the reading's JSON as the device sent it. */
    public static final String TELEMETRY = "machine-telemetry";
    /** Rejected input with the reason in {@link DeadLetterHeaders}. */
    public static final String TELEMETRY_DLQ = "machine-telemetry-dlq";
    /** Every change of an alert's state. */
    public static final String ALERTS = "machine-alerts";
    /** Latest status per machine (compacted). */
    public static final String STATUS = "machine-status";
    /** Model descriptors per machine (compacted). */
    public static final String MODELS = "machine-models";
    /** Ack and clear commands for alerts. */
    public static final String ALERT_COMMANDS = "alert-commands";
    /** Commands on a machine's model, e.g. retrain. */
    public static final String MACHINE_COMMANDS = "machine-commands";
    /**
     * Per machine and minute the sensors' min, mean and max, the readings, anomalies and highest score
     * ({@link dev.pdm.iiot.events.model.MinuteAggregate}): what the history database keeps.
     */
    public static final String MINUTE_AGGREGATES = "machine-minute-aggregates";
    /**
     * Records of {@link #MINUTE_AGGREGATES}, {@link #ALERTS} and {@link #MODELS} the history's JDBC
     * sinks refused, as they were, with Kafka Connect's error headers (the reason first).
     */
    public static final String HISTORY_DLQ = "machine-history-dlq";
    /** The detector's own: machines' slow levels sent to their peer group, keyed by group. */
    public static final String PEER_LEVELS = "machine-peer-levels";
    /** The detector's own: how a machine compares with its peer group, keyed by machine id. */
    public static final String PEER_COMPARISONS = "machine-peer-comparisons";

    /**
     * Partitions of the keyed topics: room for a detector to grow to 12 instances. Topics that are
     * processed together (telemetry, alert commands, machine commands and peer comparisons) must keep
     * the same count.
     */
    public static final int DEFAULT_PARTITIONS = 12;

    private static final List<TopicSpec> ALL = List.of(
            TopicSpec.stream(TELEMETRY, DEFAULT_PARTITIONS),
            TopicSpec.stream(TELEMETRY_DLQ, 3),
            TopicSpec.stream(ALERTS, DEFAULT_PARTITIONS),
            TopicSpec.compacted(STATUS, DEFAULT_PARTITIONS),
            TopicSpec.compacted(MODELS, DEFAULT_PARTITIONS),
            TopicSpec.stream(ALERT_COMMANDS, DEFAULT_PARTITIONS),
            TopicSpec.stream(MACHINE_COMMANDS, DEFAULT_PARTITIONS),
            TopicSpec.stream(PEER_LEVELS, DEFAULT_PARTITIONS),
            TopicSpec.stream(PEER_COMPARISONS, DEFAULT_PARTITIONS),
            TopicSpec.stream(MINUTE_AGGREGATES, DEFAULT_PARTITIONS),
            TopicSpec.stream(HISTORY_DLQ, 3));

    private KafkaTopics() {
    }

    /** Every topic the platform needs, with its partitions and cleanup policy. */
    public static List<TopicSpec> all() {
        return ALL;
    }
}
