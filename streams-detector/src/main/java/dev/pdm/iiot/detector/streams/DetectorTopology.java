package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.model.MachineContextSerde;
import dev.pdm.iiot.detector.model.ScoredReadingSerde;
import dev.pdm.iiot.detector.watch.PeerSerdes;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.validation.ReadingParser;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * The detector's topology, a plain class so that {@code TopologyTestDriver} tests build it without
 * Quarkus:
 *
 * <pre>
 * machine-telemetry ──▶ telemetry-processor ──▶ machine-alerts, machine-models, machine-telemetry-dlq,
 *                          (+ silence punctuation)    machine-peer-levels (key: group)
 *                          │ (scored readings) ──▶ minute-aggregator ──▶ machine-minute-aggregates
 *                          │                       (1-minute windows by reading time, grace; minute-store)
 * alert-commands ────▶ alert-command-processor ──▶ machine-alerts
 * machine-commands ──▶ machine-command-processor
 * machine-peer-comparisons ──▶ peer-comparison-processor ──▶ machine-alerts
 *                          │  (all four: statuses) ──▶ status-emitter ──▶ machine-status, at most once
 *                          │                                               per machine and interval
 *   stores: machine-store, training-store, model-store, model-descriptor-store, alert-store,
 *           readings-store (window), minute-store (open minutes)
 *
 * machine-peer-levels ──▶ peer-group-processor ──▶ machine-peer-comparisons (key: machine)
 *   store: peer-store (group:machine → latest levels)
 * </pre>
 *
 * The machine-keyed sources have the same partition count, so that one machine's readings,
 * commands, peer comparisons and state live in one task. The peer groups are a second
 * sub-topology: keyed by group, so that one task sees a whole group.
 */
public final class DetectorTopology {

    public static final String MACHINE_STORE = "machine-store";
    public static final String TRAINING_STORE = "training-store";
    public static final String MODEL_STORE = "model-store";
    public static final String DESCRIPTOR_STORE = "model-descriptor-store";
    public static final String ALERT_STORE = "alert-store";
    public static final String READINGS_STORE = "readings-store";
    public static final String PEER_STORE = "peer-store";
    public static final String MINUTE_STORE = "minute-store";

    static final String TELEMETRY_SOURCE = "telemetry-source";
    static final String ALERT_COMMANDS_SOURCE = "alert-commands-source";
    static final String MACHINE_COMMANDS_SOURCE = "machine-commands-source";
    static final String PEER_LEVELS_SOURCE = "peer-levels-source";
    static final String PEER_COMPARISONS_SOURCE = "peer-comparisons-source";
    static final String PEER_GROUP_PROCESSOR = "peer-group-processor";
    static final String PEER_COMPARISON_PROCESSOR = "peer-comparison-processor";
    static final String PEER_LEVELS_SINK = "peer-levels-sink";
    static final String PEER_COMPARISONS_SINK = "peer-comparisons-sink";
    static final String TELEMETRY_PROCESSOR = "telemetry-processor";
    static final String ALERT_COMMAND_PROCESSOR = "alert-command-processor";
    static final String MACHINE_COMMAND_PROCESSOR = "machine-command-processor";
    static final String STATUS_EMITTER = "status-emitter";
    static final String MINUTE_AGGREGATOR = "minute-aggregator";
    static final String MINUTES_SINK = "minute-aggregates-sink";
    static final String DLQ_SINK = "dlq-sink";
    static final String ALERTS_SINK = "alerts-sink";
    static final String STATUS_SINK = "status-sink";
    static final String MODELS_SINK = "models-sink";

    /** How often a machine's latest status is published, at most (the default of {@code detector.status.interval}). */
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(1);

    /** How late a reading may come and still count in its minute's aggregate (the default of {@code detector.history.grace}). */
    public static final Duration DEFAULT_MINUTE_GRACE = Duration.ofMinutes(2);

    private final DetectorSettings settings;
    private final ReadingParser parser;
    private final DetectorMetrics metrics;
    private final Duration statusInterval;
    private final Duration minuteGrace;

    /**
     * @param statusInterval a machine's status is published at most once per this interval (its
     *                       latest); zero publishes every status at once
     * @param minuteGrace    how long after its minute's end a reading still counts in the minute aggregate
     */
    public DetectorTopology(final DetectorSettings settings, final ReadingParser parser, final DetectorMetrics metrics,
                            final Duration statusInterval, final Duration minuteGrace) {
        if (statusInterval.isNegative()) {
            throw new IllegalArgumentException("the status interval must not be negative: " + statusInterval);
        }
        if (minuteGrace.isNegative()) {
            throw new IllegalArgumentException("the minute grace period must not be negative: " + minuteGrace);
        }
        this.settings = settings;
        this.parser = parser;
        this.metrics = metrics;
        this.statusInterval = statusInterval;
        this.minuteGrace = minuteGrace;
    }

    /** A topology with the default grace period of the minute aggregates. */
    public DetectorTopology(final DetectorSettings settings, final ReadingParser parser, final DetectorMetrics metrics,
                            final Duration statusInterval) {
        this(settings, parser, metrics, statusInterval, DEFAULT_MINUTE_GRACE);
    }

    public DetectorTopology(final DetectorSettings settings) {
        this(settings, ReadingParser.withDefaults(), DetectorMetrics.NONE, DEFAULT_STATUS_INTERVAL);
    }

    public static Serde<MachineContext> machineContextSerde() {
        return new MachineContextSerde();
    }

    public static Serde<ScoredReading> scoredReadingSerde() {
        return new ScoredReadingSerde();
    }

    public Topology build() {
        final MachineDetector detector = new MachineDetector(settings);
        final Topology topology = new Topology();
        topology.addSource(TELEMETRY_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), KafkaTopics.TELEMETRY);
        topology.addSource(ALERT_COMMANDS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                KafkaTopics.ALERT_COMMANDS);
        topology.addSource(MACHINE_COMMANDS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                KafkaTopics.MACHINE_COMMANDS);

        topology.addProcessor(TELEMETRY_PROCESSOR, () -> new TelemetryProcessor(detector, parser, metrics),
                TELEMETRY_SOURCE);
        topology.addProcessor(ALERT_COMMAND_PROCESSOR, () -> new AlertCommandProcessor(detector), ALERT_COMMANDS_SOURCE);
        topology.addProcessor(MACHINE_COMMAND_PROCESSOR, () -> new MachineCommandProcessor(detector),
                MACHINE_COMMANDS_SOURCE);
        topology.addSource(PEER_COMPARISONS_SOURCE, new StringDeserializer(), PeerSerdes.comparison(),
                KafkaTopics.PEER_COMPARISONS);
        topology.addProcessor(PEER_COMPARISON_PROCESSOR, () -> new PeerComparisonProcessor(detector, metrics),
                PEER_COMPARISONS_SOURCE);
        topology.addProcessor(STATUS_EMITTER, () -> new StatusEmitter(detector, statusInterval),
                TELEMETRY_PROCESSOR, ALERT_COMMAND_PROCESSOR, MACHINE_COMMAND_PROCESSOR, PEER_COMPARISON_PROCESSOR);

        topology.addProcessor(MINUTE_AGGREGATOR, () -> new MinuteAggregator(minuteGrace, metrics), TELEMETRY_PROCESSOR);
        // cached: a minute takes one RocksDB write and one changelog record per commit, not per reading
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MINUTE_STORE),
                Serdes.String(), new MinuteStateSerde()).withCachingEnabled(), MINUTE_AGGREGATOR);
        topology.addSink(MINUTES_SINK, KafkaTopics.MINUTE_AGGREGATES, new StringSerializer(),
                EventSerdes.minuteAggregate(), MINUTE_AGGREGATOR);

        topology.addSource(PEER_LEVELS_SOURCE, new StringDeserializer(), PeerSerdes.level(), KafkaTopics.PEER_LEVELS);
        topology.addProcessor(PEER_GROUP_PROCESSOR, () -> new PeerGroupProcessor(settings.watches().peers()),
                PEER_LEVELS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PEER_STORE),
                Serdes.String(), PeerSerdes.level()), PEER_GROUP_PROCESSOR);

        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MACHINE_STORE),
                        Serdes.String(), machineContextSerde()),
                TELEMETRY_PROCESSOR, ALERT_COMMAND_PROCESSOR, MACHINE_COMMAND_PROCESSOR, PEER_COMPARISON_PROCESSOR,
                STATUS_EMITTER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRAINING_STORE),
                        Serdes.Bytes(), Serdes.ByteArray()),
                TELEMETRY_PROCESSOR, MACHINE_COMMAND_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MODEL_STORE),
                Serdes.String(), Serdes.ByteArray()), TELEMETRY_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DESCRIPTOR_STORE),
                Serdes.String(), EventSerdes.modelDescriptor()), TELEMETRY_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERT_STORE),
                Serdes.String(), EventSerdes.alert()), TELEMETRY_PROCESSOR, ALERT_COMMAND_PROCESSOR,
                PEER_COMPARISON_PROCESSOR);
        topology.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(READINGS_STORE, settings.readingsRetention(), Duration.ofMillis(1), true),
                        Serdes.String(), scoredReadingSerde()),
                TELEMETRY_PROCESSOR);

        topology.addSink(DLQ_SINK, KafkaTopics.TELEMETRY_DLQ, new StringSerializer(), new ByteArraySerializer(),
                TELEMETRY_PROCESSOR);
        topology.addSink(ALERTS_SINK, KafkaTopics.ALERTS, new StringSerializer(), EventSerdes.alert(),
                TELEMETRY_PROCESSOR, ALERT_COMMAND_PROCESSOR, PEER_COMPARISON_PROCESSOR);
        topology.addSink(PEER_LEVELS_SINK, KafkaTopics.PEER_LEVELS, new StringSerializer(), PeerSerdes.level(),
                TELEMETRY_PROCESSOR);
        topology.addSink(PEER_COMPARISONS_SINK, KafkaTopics.PEER_COMPARISONS, new StringSerializer(),
                PeerSerdes.comparison(), PEER_GROUP_PROCESSOR);
        topology.addSink(STATUS_SINK, KafkaTopics.STATUS, new StringSerializer(), EventSerdes.machineStatus(),
                STATUS_EMITTER);
        topology.addSink(MODELS_SINK, KafkaTopics.MODELS, new StringSerializer(), EventSerdes.modelDescriptor(),
                TELEMETRY_PROCESSOR);
        return topology;
    }
}
