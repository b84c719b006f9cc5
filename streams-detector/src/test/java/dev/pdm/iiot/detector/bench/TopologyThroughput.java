package dev.pdm.iiot.detector.bench;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.streams.DetectorTopology;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Readings per second of the detector's topology on the real in-process broker: every machine is
 * trained first, then a batch of readings is produced and the time until the topology has committed
 * all of them is measured. Not a test: a program, run by hand (see docs/BENCHMARKS.md).
 *
 * <p>{@code TopologyThroughput [machines=2000] [readings per machine=250] [stream threads=2]
 * [guarantee=exactly_once_v2] [runs=3]}
 */
public final class TopologyThroughput {

    private TopologyThroughput() {
    }

    public static void main(final String... args) throws Exception {
        final int machines = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        final int perMachine = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        final int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        final String guarantee = args.length > 3 ? args[3] : StreamsConfig.EXACTLY_ONCE_V2;
        final int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        BenchLogging.configure();

        try (LocalStack stack = LocalStack.builder().withConnect(false).mqttPersistence(MqttPersistence.IN_MEMORY)
                .build().start();
             KafkaProducer<String, byte[]> producer = producer(stack.bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            final Readings[] fleet = new Readings[machines];
            for (int m = 0; m < machines; m++) {
                fleet[m] = new Readings(String.format("PUMP_%05d", m), m);
            }
            final Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "detector-throughput");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("detector-throughput").toString());
            props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
            props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
            // as the application runs it (application.properties)
            props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            final KafkaStreams streams = new KafkaStreams(new DetectorTopology(DetectorSettings.defaults()).build(), props);
            streams.start();
            try {
                // every machine trains its model first: that is not what is measured
                final long trainStart = System.nanoTime();
                produce(producer, fleet, 30, false);
                awaitCaughtUp(admin, streams);
                System.out.printf(Locale.ROOT, "trained %d machines in %.1f s%n", machines,
                        (System.nanoTime() - trainStart) / 1e9);
                for (int run = 1; run <= runs; run++) {
                    final long start = System.nanoTime();
                    produce(producer, fleet, perMachine, true);
                    final double produced = (System.nanoTime() - start) / 1e9;
                    awaitCaughtUp(admin, streams);
                    final double seconds = (System.nanoTime() - start) / 1e9;
                    final long n = (long) machines * perMachine;
                    System.out.printf(Locale.ROOT, "run %d: %d readings of %d machines scored in %.2f s "
                                    + "(produced in %.2f s): %.0f readings/s, %s, %d stream threads%n", run, n, machines,
                            seconds, produced, n / seconds, guarantee, threads);
                }
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(final String servers) {
        final Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
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

    /** Waits until the topology's committed offsets reach the end of machine-telemetry. */
    private static void awaitCaughtUp(final Admin admin, final KafkaStreams streams) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < KafkaTopics.DEFAULT_PARTITIONS; p++) {
            latest.put(new TopicPartition(KafkaTopics.TELEMETRY, p), OffsetSpec.latest());
        }
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long report = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("detector-throughput").partitionsToOffsetAndMetadata()
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
                System.out.printf(Locale.ROOT, "not caught up: committed %s; %s; threads %s%n", behind, streams.state(),
                        streams.metadataForLocalThreads());
                report = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("the topology did not catch up within 10 minutes");
    }
}
