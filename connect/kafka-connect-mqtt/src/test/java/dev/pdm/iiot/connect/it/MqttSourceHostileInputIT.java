package dev.pdm.iiot.connect.it;

import dev.pdm.iiot.bridge.testing.HostilePayloads;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.connect.ConnectorStatus;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import dev.pdm.iiot.localstack.mqtt.MqttLimits;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What devices may throw at the source (the hostile payloads both bridges are tested with, a flood
 * of bad payloads, a payload of the size that once stopped both tasks), on a real HiveMQ CE, Kafka
 * broker and Connect worker: every message ends as a record or a dead letter Kafka takes, or as a
 * record Kafka refuses and the task skips, and the tasks keep running.
 */
@LocalStackTest
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class MqttSourceHostileInputIT {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceHostileInputIT.class);

    private static final String HOSTILE = "HOSTILE_001";
    private static final int TASKS = 2;
    private static final int DEVICES = 3;
    private static final int FLOOD = 5_000;
    /** How long a valid reading published after the hostile input may take to reach Kafka. */
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);
    private static final Duration DEVICE_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void keepsRunningThroughEveryHostilePayloadAndAFloodWhileEveryValidReadingArrives(final LocalStack stack)
            throws Exception {
        final String name = "it-hostile";
        final String topic = "it-hostile-telemetry";
        final String dlq = topic + "-dlq";
        final int excerpt = 256;
        ItSupport.createTopics(stack.bootstrapServers(), 6, topic, dlq);
        final Map<String, String> config = platformSourceConfig(stack.mqttUri(), "hostile", topic);
        config.put("kafka.dlq.excerpt.bytes", String.valueOf(excerpt));
        stack.connectClient().createOrUpdate(name, config);
        awaitTasksRunning(stack, name);

        final List<HostilePayloads.Case> corpus = HostilePayloads.all(HOSTILE);
        final Map<String, Integer> expectedReasons = new TreeMap<>();
        final Set<String> before = new HashSet<>();
        final Set<String> after = new HashSet<>();
        final List<ReliablePublisher> devices = devices(stack.mqttUri(), "it-hostile");
        try (HostileDevice hostile = new HostileDevice(stack.mqttUri(), "it-hostile-device", DEVICE_TIMEOUT);
             TelemetryTally good = new TelemetryTally(stack.bootstrapServers(), topic)) {
            long seq = 0;
            for (final HostilePayloads.Case hostileCase : corpus) {
                before.addAll(publishReadings(devices, "hostile", seq++));
                final HostileDevice.Outcome outcome = hostile.publish(Readings.topic("hostile", HOSTILE),
                        hostileCase.payload());
                assertThat(outcome).as(hostileCase.toString()).isEqualTo(hostileCase.refusedByTheBroker()
                        ? HostileDevice.Outcome.REFUSED : HostileDevice.Outcome.ACKNOWLEDGED);
                if (!hostileCase.refusedByTheBroker()) {
                    expectedReasons.merge(hostileCase.reason().name(), 1, Integer::sum);
                }
            }
            final List<HostilePayloads.Case> small = corpus.stream()
                    .filter(c -> !c.refusedByTheBroker() && c.payload().length < 16 * 1024).toList();
            final List<byte[]> flood = new ArrayList<>(FLOOD);
            for (int i = 0; i < FLOOD; i++) {
                final HostilePayloads.Case floodCase = small.get(i % small.size());
                flood.add(floodCase.payload());
                expectedReasons.merge(floodCase.reason().name(), 1, Integer::sum);
            }
            final long floodStart = System.nanoTime();
            final int floodAcknowledged = hostile.flood(Readings.topic("hostile", HOSTILE), flood);
            LOG.info("flood: {} bad payloads from one client, {} acknowledged by the broker in {} ms", FLOOD,
                    floodAcknowledged, (System.nanoTime() - floodStart) / 1_000_000);
            assertThat(floodAcknowledged).isEqualTo(FLOOD);

            final long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                after.addAll(publishReadings(devices, "hostile", seq++));
            }
            await().atMost(WITHIN_SECONDS).until(() -> {
                good.poll();
                return good.missing(after).isEmpty();
            });
            final long arrivedMs = (System.nanoTime() - start) / 1_000_000;
            await().atMost(ItSupport.TIMEOUT).until(() -> {
                good.poll();
                return good.missing(before).isEmpty();
            });
            LOG.info("{} hostile payloads ({} refused by the broker) and a flood of {}: {} valid readings before "
                            + "and {} after all in Kafka, those after within {} ms; duplicates {}", corpus.size(),
                    corpus.stream().filter(HostilePayloads.Case::refusedByTheBroker).count(), FLOOD, before.size(),
                    after.size(), arrivedMs, good.duplicates());
            assertThat(good.records()).allSatisfy(r ->
                    assertThat(ItSupport.header(r, DeadLetterHeaders.REASON)).isNull());
        } finally {
            closeAll(devices);
        }

        final int expectedTotal = expectedReasons.values().stream().mapToInt(Integer::intValue).sum();
        try (TopicReader rejected = new TopicReader(stack.bootstrapServers(), dlq)) {
            await().atMost(ItSupport.TIMEOUT).until(() -> rejected.poll().size() >= expectedTotal);
            final Map<String, Integer> reasons = new TreeMap<>();
            for (final ConsumerRecord<String, byte[]> record : rejected.records()) {
                final String reason = ItSupport.header(record, DeadLetterHeaders.REASON);
                assertThat(reason).as("reason of a dead letter").isNotNull();
                reasons.merge(reason, 1, Integer::sum);
                assertDeadLetterTrimmed(record, excerpt);
            }
            LOG.info("dead-letter topic: {} records (expected {}), reasons {}", rejected.records().size(),
                    expectedTotal, reasons);
            assertThat(reasons.keySet()).isEqualTo(expectedReasons.keySet());
            expectedReasons.forEach((reason, n) -> assertThat(reasons.get(reason)).as(reason).isGreaterThanOrEqualTo(n));
            for (final HostilePayloads.Case hostileCase : corpus) {
                if (!hostileCase.refusedByTheBroker()) {
                    final byte[] start = Arrays.copyOf(hostileCase.payload(),
                            Math.min(hostileCase.payload().length, excerpt));
                    assertThat(rejected.records()).as(hostileCase.toString()).anySatisfy(r -> {
                        assertThat(ItSupport.header(r, DeadLetterHeaders.REASON)).isEqualTo(hostileCase.reason().name());
                        assertThat(ItSupport.header(r, DeadLetterHeaders.PAYLOAD_BYTES))
                                .isEqualTo(String.valueOf(hostileCase.payload().length));
                        assertThat(r.value()).isEqualTo(start);
                        assertThat(r.key()).isEqualTo(HOSTILE);
                    });
                }
            }
        }

        assertStillRunning(stack, name);
        await().atMost(ItSupport.TIMEOUT).until(() ->
                ItSupport.taskMetricSum(name, TASKS, "mqtt-messages-dead-lettered-total") >= expectedTotal);
        assertThat(ItSupport.taskMetricSum(name, TASKS, "mqtt-messages-skipped-total")).as("skipped").isZero();
        stack.connectClient().delete(name);
    }

    /**
     * A producer limit below a dead letter of a large payload (the field report's RecordTooLargeException):
     * with errors.tolerance=all the task skips such a record, acknowledges its MQTT message and keeps
     * going, and after a worker restart nothing of it comes back from the broker's session.
     */
    @Test
    void skipsAndAcknowledgesARecordKafkaRefusesAndFindsNothingRedeliveredAfterAWorkerRestart(final LocalStack stack)
            throws Exception {
        final String name = "it-refused";
        final String topic = "it-refused-telemetry";
        ItSupport.createTopics(stack.bootstrapServers(), 6, topic, topic + "-dlq");
        final Map<String, String> config = platformSourceConfig(stack.mqttUri(), "refused", topic);
        config.put("producer.override.max.request.size", "1000");
        stack.connectClient().createOrUpdate(name, config);
        awaitTasksRunning(stack, name);

        final Map<String, HostilePayloads.Case> cases = HostilePayloads.all(HOSTILE).stream()
                .collect(Collectors.toMap(HostilePayloads.Case::name, c -> c));
        final List<HostilePayloads.Case> refused = List.of(cases.get("deep nesting"), cases.get("60 KB"));
        final List<HostilePayloads.Case> taken = List.of(cases.get("empty"), cases.get("a bare number"));
        final int rounds = 3;
        final Set<String> readings = new HashSet<>();
        final List<ReliablePublisher> devices = devices(stack.mqttUri(), "it-refused");
        try (HostileDevice hostile = new HostileDevice(stack.mqttUri(), "it-refused-device", DEVICE_TIMEOUT);
             TelemetryTally good = new TelemetryTally(stack.bootstrapServers(), topic)) {
            long seq = 0;
            for (int round = 0; round < rounds; round++) {
                for (final HostilePayloads.Case hostileCase : List.of(refused.get(0), taken.get(0), refused.get(1),
                        taken.get(1))) {
                    readings.addAll(publishReadings(devices, "refused", seq++));
                    assertThat(hostile.publish(Readings.topic("refused", HOSTILE), hostileCase.payload()))
                            .as(hostileCase.toString()).isEqualTo(HostileDevice.Outcome.ACKNOWLEDGED);
                }
            }
            for (int i = 0; i < 20; i++) {
                readings.addAll(publishReadings(devices, "refused", seq++));
            }
            await().atMost(WITHIN_SECONDS).until(() -> {
                good.poll();
                return good.missing(readings).isEmpty();
            });
            await().atMost(ItSupport.TIMEOUT).until(() ->
                    ItSupport.taskMetricSum(name, TASKS, "mqtt-messages-skipped-total") >= rounds * refused.size()
                            && ItSupport.taskMetricSum(name, TASKS, "mqtt-messages-in-flight") == 0);
            assertThat(ItSupport.taskMetricSum(name, TASKS, "mqtt-messages-skipped-total"))
                    .isEqualTo(rounds * refused.size());
            assertThat(ItSupport.taskMetricSum(name, TASKS, "mqtt-messages-dead-lettered-total"))
                    .isEqualTo(rounds * taken.size());
            assertStillRunning(stack, name);

            stack.connect().orElseThrow().stop();
            stack.connect().orElseThrow().start();
            awaitTasksRunning(stack, name);

            final Set<String> later = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                later.addAll(publishReadings(devices, "refused", seq++));
            }
            await().atMost(WITHIN_SECONDS).until(() -> {
                good.poll();
                return good.missing(later).isEmpty();
            });
            await().atMost(ItSupport.TIMEOUT).until(() ->
                    ItSupport.taskMetricSum(name, TASKS, "mqtt-messages-rejected-total") >= 0);
            LOG.info("dead letters over the producer's limit: {} skipped and acknowledged, {} written; after a worker "
                            + "restart {} later readings arrived, messages rejected again {}", rounds * refused.size(),
                    rounds * taken.size(), later.size(),
                    ItSupport.taskMetricSum(name, TASKS, "mqtt-messages-rejected-total"));
            assertThat(ItSupport.taskMetricSum(name, TASKS, "mqtt-messages-rejected-total"))
                    .as("bad messages redelivered after the restart").isZero();
            assertStillRunning(stack, name);
        } finally {
            closeAll(devices);
        }
        stack.connectClient().delete(name);
    }

    /**
     * The field report's payload: 2 MB, let through by a broker whose packet limit is raised. Its dead
     * letter is trimmed to the excerpt, so Kafka takes it, even with Connect's default
     * errors.tolerance=none; the tasks keep running, also across a restart of the worker.
     */
    @Test
    void aTwoMegabytePayloadTheBrokerTakesBecomesATrimmedDeadLetterAndTheTasksSurviveAWorkerRestart()
            throws Exception {
        final HostilePayloads.Case twoMegabytes = HostilePayloads.all(HOSTILE).stream()
                .filter(c -> c.name().equals("2 MB")).findFirst().orElseThrow();
        final MqttLimits raised = new MqttLimits(32 * 1024 * 1024, MqttLimits.DEFAULT_MAX_TOPIC_LENGTH,
                MqttLimits.DEFAULT_MAX_CLIENT_ID_LENGTH);
        try (LocalStack stack = LocalStack.builder().mqttPersistence(MqttPersistence.IN_MEMORY).mqttLimits(raised)
                .build().start()) {
            final String name = "it-two-megabytes";
            final String topic = "it-two-megabytes-telemetry";
            final String dlq = topic + "-dlq";
            ItSupport.createTopics(stack.bootstrapServers(), 6, topic, dlq);
            final Map<String, String> config = ItSupport.sourceConfig(stack.mqttUri(), "large", topic, TASKS);
            config.put("validation.enabled", "true");
            stack.connectClient().createOrUpdate(name, config);
            awaitTasksRunning(stack, name);

            final List<ReliablePublisher> devices = devices(stack.mqttUri(), "it-two-megabytes");
            try (HostileDevice hostile = new HostileDevice(stack.mqttUri(), "it-large-device", DEVICE_TIMEOUT);
                 TelemetryTally good = new TelemetryTally(stack.bootstrapServers(), topic);
                 TopicReader rejected = new TopicReader(stack.bootstrapServers(), dlq)) {
                assertThat(hostile.publish(Readings.topic("large", HOSTILE), twoMegabytes.payload()))
                        .isEqualTo(HostileDevice.Outcome.ACKNOWLEDGED);
                await().atMost(ItSupport.TIMEOUT).until(() -> !rejected.poll().isEmpty());
                final ConsumerRecord<String, byte[]> deadLetter = rejected.records().get(0);
                assertThat(ItSupport.header(deadLetter, DeadLetterHeaders.REASON)).isEqualTo("OVERSIZE");
                assertThat(ItSupport.header(deadLetter, DeadLetterHeaders.PAYLOAD_BYTES))
                        .isEqualTo(String.valueOf(twoMegabytes.payload().length));
                assertThat(deadLetter.value()).hasSize(1024);
                assertThat(deadLetter.key()).isEqualTo(HOSTILE);
                assertDeadLetterTrimmed(deadLetter, 1024);

                long seq = 0;
                final Set<String> readings = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    readings.addAll(publishReadings(devices, "large", seq++));
                }
                await().atMost(WITHIN_SECONDS).until(() -> {
                    good.poll();
                    return good.missing(readings).isEmpty();
                });
                assertStillRunning(stack, name);

                stack.connect().orElseThrow().stop();
                stack.connect().orElseThrow().start();
                awaitTasksRunning(stack, name);

                final Set<String> later = new HashSet<>();
                for (int i = 0; i < 50; i++) {
                    later.addAll(publishReadings(devices, "large", seq++));
                }
                await().atMost(WITHIN_SECONDS).until(() -> {
                    good.poll();
                    return good.missing(later).isEmpty();
                });
                assertStillRunning(stack, name);
                rejected.poll();
                LOG.info("2 MB payload through a broker taking 32 MiB: dead letter of {} bytes, {} dead letters in "
                                + "all; {} readings before and {} after a worker restart arrived", deadLetter.value().length,
                        rejected.records().size(), readings.size(), later.size());
                assertThat(rejected.records()).allSatisfy(r -> assertDeadLetterTrimmed(r, 1024));
            } finally {
                closeAll(devices);
            }
        }
    }

    /** The platform's settings (config/mqtt-source.json): validation on, refused records skipped and logged. */
    private static Map<String, String> platformSourceConfig(final String mqttUri, final String root,
                                                            final String topic) {
        final Map<String, String> config = ItSupport.sourceConfig(mqttUri, root, topic, TASKS);
        config.put("validation.enabled", "true");
        config.put("errors.tolerance", "all");
        config.put("errors.log.enable", "true");
        config.put("errors.log.include.messages", "false");
        return config;
    }

    private static void awaitTasksRunning(final LocalStack stack, final String name) {
        stack.connectClient().awaitRunning(name, ItSupport.TIMEOUT);
        await().atMost(ItSupport.TIMEOUT).until(() -> stack.connectClient().status(name)
                .map(s -> s.isRunning() && s.tasks().size() == TASKS).orElse(false));
    }

    private static void assertStillRunning(final LocalStack stack, final String name) {
        final ConnectorStatus status = stack.connectClient().status(name).orElseThrow();
        assertThat(status.failure()).as("a failure of %s", name).isEmpty();
        assertThat(status.isRunning()).as(status.toString()).isTrue();
        assertThat(status.tasks()).hasSize(TASKS);
    }

    /** The value is the payload's first bytes, at most the excerpt, and the headers say how much there was. */
    private static void assertDeadLetterTrimmed(final ConsumerRecord<String, byte[]> record, final int excerpt) {
        final int payloadBytes = Integer.parseInt(ItSupport.header(record, DeadLetterHeaders.PAYLOAD_BYTES));
        assertThat(record.value().length).isEqualTo(Math.min(payloadBytes, excerpt));
        assertThat(ItSupport.header(record, DeadLetterHeaders.PAYLOAD_TRUNCATED))
                .isEqualTo(String.valueOf(payloadBytes > excerpt));
        assertThat(ItSupport.header(record, DeadLetterHeaders.DETAIL)).isNotBlank();
        assertThat(ItSupport.header(record, DeadLetterHeaders.REJECTED_BY)).isEqualTo("mqtt-source");
    }

    /** Well-behaved devices, one client each, publishing for MACHINE_001 and on. */
    private static List<ReliablePublisher> devices(final String mqttUri, final String prefix) throws Exception {
        final List<ReliablePublisher> devices = new ArrayList<>();
        for (int d = 1; d <= DEVICES; d++) {
            devices.add(new ReliablePublisher(mqttUri, prefix + "-" + Readings.machine(d), 100));
        }
        return devices;
    }

    /** One valid reading from each device; returns their ids. */
    private static Set<String> publishReadings(final List<ReliablePublisher> devices, final String root,
                                               final long seq) throws InterruptedException {
        final Set<String> ids = new HashSet<>();
        for (int d = 1; d <= devices.size(); d++) {
            final String machine = Readings.machine(d);
            final String id = Readings.id(machine, seq);
            devices.get(d - 1).publish(Readings.topic(root, machine), id, HostilePayloads.reading(machine, seq));
            ids.add(id);
        }
        return ids;
    }

    private static void closeAll(final List<ReliablePublisher> devices) throws Exception {
        for (final ReliablePublisher device : devices) {
            device.close();
        }
    }

    /** Every record of a topic from its beginning, whatever its value. */
    private static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

        TopicReader(final String bootstrap, final String topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                    new ByteArrayDeserializer());
            consumer.subscribe(List.of(topic));
        }

        /** Reads what is there now; returns every record read so far. */
        List<ConsumerRecord<String, byte[]>> poll() {
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            return records;
        }

        List<ConsumerRecord<String, byte[]>> records() {
            return records;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
