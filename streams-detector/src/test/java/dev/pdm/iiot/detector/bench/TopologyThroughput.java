package dev.pdm.iiot.detector.bench;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.watch.WatchSettings;
import dev.pdm.iiot.detector.streams.DetectorMetrics;
import dev.pdm.iiot.detector.streams.DetectorTopology;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.validation.ReadingParser;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Readings per second of the detector's topology on the real in-process broker: every machine is
 * trained and then warmed up (not measured), then each run produces a number of readings per
 * machine and the time to score all of them is measured. Not a test: a program, run by hand (see
 * docs/BENCHMARKS.md).
 *
 * <p>The warm-up takes each machine past its first model refreshes, which come at 60, 120, 240 …
 * clean readings (each a forest trained in the stream thread): a machine that has run for a while,
 * the detector's usual state. With {@code warm-up=30} the runs measure machines that have just been
 * trained, refreshes included. Each run says how many models were trained during it.
 *
 * <p>{@code TopologyThroughput [machines=2000] [readings per machine=250] [stream threads=2]
 * [guarantee=exactly_once_v2] [runs=3] [warm-up readings per machine=1000]}. The topology runs with the application's Kafka Streams
 * settings (the {@code kafka-streams.*} entries of its {@code application.properties});
 * {@code -Dbench.streams.NAME=VALUE} overrides one of them (e.g.
 * {@code -Dbench.streams.producer.max.in.flight.requests.per.connection=5}) and
 * {@code -Dbench.broker.NAME=VALUE} sets one of the broker's. Each run prints where the CPU time of
 * this JVM went (stream threads, their clients' network threads, the broker, the load generator),
 * and at the end the benchmark checks that every reading is in the committed changelog of the
 * recent-readings store exactly once.
 *
 * <p>{@code -Dbench.trees=N} trains forests of N trees instead of the detector's default,
 * {@code -Dbench.maxSamples=N} grows each tree on at most N readings.
 * {@code -Dbench.watches=off} runs the forest alone, without the watches besides it.
 * {@code -Dbench.shift=off} turns the forest's level-shift chart off.
 * {@code -Dbench.topology=floor} runs, instead of the detector, a topology that only does what
 * Kafka Streams must do per reading whatever the detector computes: read the machine's entry, write
 * it back and add the reading to the recent-readings window, both stores changelogged like the
 * detector's, the reading's own bytes as values. Its figure is the ceiling the detector's code is
 * measured against.
 */
public final class TopologyThroughput {

    private static final String APPLICATION_ID = "detector-throughput";
    private static final String STREAMS_PREFIX = "kafka-streams.";
    /** Models trained by the topology. */
    private static final LongAdder TRAINED = new LongAdder();
    /** The readings a machine's first model is trained on (the detector's default). */
    private static final int TRAINING_READINGS = DetectorSettings.defaults().training().samples();

    private TopologyThroughput() {
    }

    public static void main(final String... args) throws Exception {
        final int machines = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        final int perMachine = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        final int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        final String guarantee = args.length > 3 ? args[3] : StreamsConfig.EXACTLY_ONCE_V2;
        final int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        final int warmUp = Math.max(TRAINING_READINGS, args.length > 5 ? Integer.parseInt(args[5]) : 1000);
        BenchLogging.configure();

        final LocalStack.Builder builder = LocalStack.builder().withConnect(false)
                .mqttPersistence(MqttPersistence.IN_MEMORY);
        // the readings are stamped from a day a year ago: the broker's first retention check (after
        // five minutes) would delete machine-telemetry's records before the topology read them
        builder.kafkaProperty("log.retention.ms", "-1");
        overrides("bench.broker.").forEach(builder::kafkaProperty);
        try (LocalStack stack = builder.build().start();
             KafkaProducer<String, byte[]> producer = producer(stack.bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            final Readings[] fleet = new Readings[machines];
            for (int m = 0; m < machines; m++) {
                fleet[m] = new Readings(String.format("PUMP_%05d", m), m);
            }
            awaitLeaders(admin);
            final Properties props = applicationSettings();
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
            // and the changelog of the recent-readings store, a windowed store, has its own retention
            props.put(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG,
                    Long.toString(Duration.ofDays(3650).toMillis()));
            props.putAll(overrides("bench.streams."));
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("detector-throughput").toString());
            System.out.printf(Locale.ROOT, "Kafka Streams settings: %s%n", new TreeMap<>(props));
            final DetectorMetrics counting = new DetectorMetrics() {
                @Override
                public void modelTrained(final int version, final long sizeBytes) {
                    TRAINED.increment();
                }
            };
            final boolean floor = "floor".equals(System.getProperty("bench.topology"));
            final DetectorSettings.Training training = DetectorSettings.defaults().training();
            final boolean watches = !"off".equals(System.getProperty("bench.watches"));
            final DetectorSettings settings = DetectorSettings.defaults().withTraining(training
                    .withTrees(Integer.getInteger("bench.trees", training.trees()))
                    .withMaxSamples(Integer.getInteger("bench.maxSamples", training.maxSamples())))
                    .withWatches(watches ? DetectorSettings.defaults().watches() : WatchSettings.off())
                    .withAlerting(shiftChart(DetectorSettings.defaults().alerting()));
            final Topology topology = floor ? floorTopology() : new DetectorTopology(settings,
                    ReadingParser.withDefaults(), counting, DetectorTopology.DEFAULT_STATUS_INTERVAL).build();
            System.out.printf(Locale.ROOT, "topology: %s%n", floor ? "floor (stores only, no detector)"
                    : "detector, " + settings.training().trees() + " trees per forest, each grown on at most "
                    + settings.training().maxSamples() + " readings" + (watches ? ", with the watches" : ", forest only"));
            final KafkaStreams streams = new KafkaStreams(topology, props);
            streams.start();
            try {
                // every machine trains its model and runs for a while first: that is not what is measured
                final long trainStart = System.nanoTime();
                produce(producer, fleet, TRAINING_READINGS, false);
                awaitCaughtUp(admin, streams);
                System.out.printf(Locale.ROOT, "trained %d machines in %.1f s%n", machines,
                        (System.nanoTime() - trainStart) / 1e9);
                if (warmUp > TRAINING_READINGS) {
                    final long warmStart = System.nanoTime();
                    final long trainedBefore = TRAINED.sum();
                    produce(producer, fleet, warmUp - TRAINING_READINGS, false);
                    awaitCaughtUp(admin, streams);
                    final double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
                    System.out.printf(Locale.ROOT, "warmed up: %d more readings per machine in %.1f s "
                                    + "(%.0f readings/s), %d models refreshed%n", warmUp - TRAINING_READINGS,
                            warmSeconds, (double) machines * (warmUp - TRAINING_READINGS) / warmSeconds,
                            TRAINED.sum() - trainedBefore);
                }
                for (int run = 1; run <= runs; run++) {
                    final CpuTimes cpu = CpuTimes.now();
                    final long trainedBefore = TRAINED.sum();
                    final long start = System.nanoTime();
                    produce(producer, fleet, perMachine, true);
                    final double produced = (System.nanoTime() - start) / 1e9;
                    awaitCaughtUp(admin, streams);
                    final double seconds = (System.nanoTime() - start) / 1e9;
                    final long n = (long) machines * perMachine;
                    System.out.printf(Locale.ROOT, "run %d: %d readings of %d machines scored in %.2f s "
                                    + "(produced in %.2f s): %.0f readings/s, %s, %d stream threads, "
                                    + "%d models trained, load average %.1f%n", run, n, machines, seconds, produced,
                            n / seconds, guarantee, threads, TRAINED.sum() - trainedBefore,
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    System.out.printf(Locale.ROOT, "run %d: CPU of this JVM %s%n", run, CpuTimes.now().since(cpu, seconds));
                }
                // every accepted reading is one record of the recent-readings store's changelog, a
                // store that keeps duplicates and so is never cached: exactly once
                final long expected = (long) machines * (warmUp + (long) runs * perMachine);
                final long stored = committedRecords(stack.bootstrapServers(),
                        APPLICATION_ID + "-" + DetectorTopology.READINGS_STORE + "-changelog");
                System.out.printf(Locale.ROOT, "records written per reading: %s%n", recordsPerReading(admin, expected));
                final long rejected = committedRecords(stack.bootstrapServers(), KafkaTopics.TELEMETRY_DLQ);
                final double dropped = streams.metrics().values().stream()
                        .filter(m -> m.metricName().name().equals("dropped-records-total"))
                        .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
                System.out.printf(Locale.ROOT, "%s: %d readings produced, %d in the committed readings changelog, "
                                + "%d rejected to the dead-letter topic, %.0f dropped by Kafka Streams%n",
                        stored == expected ? "exactly once" : "NOT EXACTLY ONCE", expected, stored, rejected, dropped);
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    /** The floor: the detector's two per-reading store writes and nothing else. */
    private static Topology floorTopology() {
        final Topology topology = new Topology();
        topology.addSource("source", new StringDeserializer(), new ByteArrayDeserializer(), KafkaTopics.TELEMETRY);
        topology.addProcessor("stores-only", () -> new Processor<String, byte[], Void, Void>() {
            private KeyValueStore<String, byte[]> machines;
            private WindowStore<String, byte[]> readings;

            @Override
            public void init(final ProcessorContext<Void, Void> context) {
                machines = context.getStateStore(DetectorTopology.MACHINE_STORE);
                readings = context.getStateStore(DetectorTopology.READINGS_STORE);
            }

            @Override
            public void process(final Record<String, byte[]> record) {
                machines.get(record.key());
                machines.put(record.key(), record.value());
                readings.put(record.key(), record.value(), record.timestamp());
            }
        }, "source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DetectorTopology.MACHINE_STORE),
                Serdes.String(), Serdes.ByteArray()), "stores-only");
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(DetectorTopology.READINGS_STORE,
                        DetectorSettings.defaults().readingsRetention(), Duration.ofMillis(1), true),
                Serdes.String(), Serdes.ByteArray()), "stores-only");
        return topology;
    }

    /** The application's {@code kafka-streams.*} settings but those that depend on its environment. */
    private static Properties applicationSettings() throws IOException {
        final Properties app = new Properties();
        try (InputStream in = TopologyThroughput.class.getResourceAsStream("/application.properties")) {
            app.load(in);
        }
        final Properties props = new Properties();
        for (final String key : app.stringPropertyNames()) {
            final String value = app.getProperty(key);
            if (key.startsWith(STREAMS_PREFIX) && !value.contains("${")) {
                props.put(key.substring(STREAMS_PREFIX.length()), value);
            }
        }
        return props;
    }

    /** System properties {@code PREFIX.NAME=VALUE} as {@code NAME=VALUE}. */
    private static Map<String, String> overrides(final String prefix) {
        final Map<String, String> found = new TreeMap<>();
        for (final String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                found.put(key.substring(prefix.length()), System.getProperty(key));
            }
        }
        return found;
    }

    /** Records of a topic that a read_committed consumer sees, from the beginning to the end. */
    private static long committedRecords(final String servers, final String topic) {
        final Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final long deleted = consumer.beginningOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            if (deleted > 0) {
                System.out.printf(Locale.ROOT, "%s: the first %d records were deleted%n", topic, deleted);
            }
            long count = 0;
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }

    private static KafkaProducer<String, byte[]> producer(final String servers) {
        final Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // one request at a time: a retried first batch to a partition must not be overtaken (KAFKA-15591)
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Readings of the whole fleet, one round per machine at a time; one in 50 is a fault. */
    private static void produce(final KafkaProducer<String, byte[]> producer, final Readings[] fleet, final int rounds,
                                final boolean faults) {
        for (int i = 0; i < rounds; i++) {
            for (final Readings machine : fleet) {
                final TelemetryReading r = faults && i % 50 == 49 ? machine.spike() : machine.healthy();
                producer.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, null, r.timestamp().toEpochMilli(),
                        r.machineId(), EventJson.toBytes(r)));
            }
        }
        producer.flush();
    }

    /**
     * Waits until the broker itself names a leader for every partition of the platform's topics. The
     * stack returns once the controller has created them, possibly before the broker applied that; a
     * client's first request then fails with NOT_LEADER_OR_FOLLOWER, and on Kafka 4.1 a retried
     * first batch of an idempotent producer can be overtaken by the next one and never be written
     * (KAFKA-15591), and stream tasks were seen never to fetch their partitions.
     */
    private static void awaitLeaders(final Admin admin) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            final List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().toList();
            final long leaderless = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()
                    .stream().flatMap(d -> d.partitions().stream()).filter(p -> p.leader() == null).count();
            if (leaderless == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(leaderless + " partitions still have no leader");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Waits until the topology's committed offsets reach the end of machine-telemetry. */
    private static void awaitCaughtUp(final Admin admin, final KafkaStreams streams) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < KafkaTopics.DEFAULT_PARTITIONS; p++) {
            latest.put(new TopicPartition(KafkaTopics.TELEMETRY, p), OffsetSpec.latest());
        }
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long report = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            final Map<TopicPartition, String> behind = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
            for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                final OffsetAndMetadata c = committed.get(e.getKey());
                // with exactly-once a transaction marker follows the last record: committed may pass the end by one
                if (e.getValue().offset() > 0 && (c == null || c.offset() < e.getValue().offset())) {
                    behind.put(e.getKey(), (c == null ? "none" : c.offset()) + " of " + e.getValue().offset());
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > report) {
                // a topology that stopped making progress says where it stands
                System.out.printf(Locale.ROOT, "not caught up: committed %s; %s; open transactions %s; threads %s%n",
                        behind, streams.state(), openTransactions(admin), streams.metadataForLocalThreads());
                report = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("the topology did not catch up within 10 minutes");
    }

    /** The alerting settings, with the level-shift chart off under {@code -Dbench.shift=off}. */
    private static DetectorSettings.Alerting shiftChart(final DetectorSettings.Alerting alerting) {
        if (!"off".equals(System.getProperty("bench.shift"))) {
            return alerting;
        }
        final DetectorSettings.Shift s = alerting.shift();
        return alerting.withShift(new DetectorSettings.Shift(0, s.smoothing(), s.warmup(), s.memory()));
    }

    /** Records (transaction markers included) written to each of the topology's topics per reading produced. */
    private static Map<String, String> recordsPerReading(final Admin admin, final long readings) throws Exception {
        final Map<String, String> per = new TreeMap<>();
        latestOffsets(admin).forEach((tp, info) -> per.merge(tp.topic(),
                Long.toString(info.offset()), (a, b) -> Long.toString(Long.parseLong(a) + Long.parseLong(b))));
        per.replaceAll((topic, n) -> String.format(Locale.ROOT, "%.3f", Long.parseLong(n) / (double) readings));
        return per;
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latestOffsets(final Admin admin)
            throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        final List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(APPLICATION_ID) || t.startsWith("machine-")).toList();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()
                .forEach(d -> d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()),
                        OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
    }

    /**
     * Partitions of the topology's topics whose last stable offset lags their end, with the first
     * offset of each transaction still open there: a read_committed reader (a restoring task, a
     * consumer of the outputs) sees nothing past it.
     */
    private static Map<TopicPartition, String> openTransactions(final Admin admin) throws Exception {
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latestOffsets(admin);
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        ends.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
        final Map<TopicPartition, String> open = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
            final long lso = stable.get(e.getKey()).offset();
            if (lso < e.getValue().offset()) {
                final String producers = admin.describeProducers(List.of(e.getKey())).partitionResult(e.getKey())
                        .get(30, TimeUnit.SECONDS).activeProducers().stream()
                        .filter(ps -> ps.currentTransactionStartOffset().isPresent())
                        .map(ps -> "producer " + ps.producerId() + " epoch " + ps.producerEpoch() + " from offset "
                                + ps.currentTransactionStartOffset().getAsLong())
                        .collect(Collectors.joining(", "));
                open.put(e.getKey(), "stable " + lso + " of " + e.getValue().offset() + " (" + producers + ")");
            }
        }
        return open;
    }
}
