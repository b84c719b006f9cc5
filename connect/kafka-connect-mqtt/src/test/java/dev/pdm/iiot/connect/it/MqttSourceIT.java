package dev.pdm.iiot.connect.it;

import dev.pdm.iiot.bridge.MqttHeaders;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The MQTT source on a real HiveMQ CE, Kafka broker and Connect worker. */
@LocalStackTest(scope = LocalStackTest.Scope.RUN)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MqttSourceIT {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceIT.class);

    @Test
    void bridgesTenThousandQos1MessagesFromAHundredMachinesKeyedByMachine(final BrokerStack stack) throws Exception {
        final String topic = "it-bulk-telemetry";
        ItSupport.createTopics(stack.bootstrapServers(), 12, topic, topic + "-dlq");
        stack.connectClient().createOrUpdate("it-bulk", ItSupport.sourceConfig(stack.mqttUri(), "bulk", topic, 1));
        stack.connectClient().awaitRunning("it-bulk", ItSupport.TIMEOUT);

        final Set<String> published;
        final long start = System.nanoTime();
        try (ReliablePublisher publisher = new ReliablePublisher(stack.mqttUri(), "it-bulk-devices", 1_000)) {
            published = ItSupport.publishReadings(publisher, "bulk", 100, 0, 100);
            await().atMost(ItSupport.TIMEOUT).until(() -> publisher.acked() >= 10_000);
        }
        try (TelemetryTally tally = new TelemetryTally(stack.bootstrapServers(), topic)) {
            await().atMost(ItSupport.TIMEOUT).until(() -> tally.poll() >= published.size());
            final double seconds = (System.nanoTime() - start) / 1e9;
            final Set<String> missing = tally.missing(published);
            LOG.info("10,000 messages of 100 machines: published {}, in Kafka {} distinct of {} records, missing {}, "
                    + "duplicates {}, wrong keys {} ({} s end to end)", published.size(), tally.distinct(),
                    tally.total(), missing.size(), tally.duplicates(), tally.wrongKeys(), String.format("%.1f", seconds));
            assertThat(missing).isEmpty();
            assertThat(tally.wrongKeys()).isZero();

            final ConsumerRecord<String, byte[]> first = tally.records().get(0);
            assertThat(ItSupport.header(first, MqttHeaders.TOPIC)).isEqualTo("bulk/machines/" + first.key() + "/sensors");
            assertThat(ItSupport.header(first, MqttHeaders.QOS)).isEqualTo("1");
            assertThat(ItSupport.header(first, MqttHeaders.DUP)).isIn("true", "false");
            assertThat(ItSupport.header(first, MqttHeaders.ARRIVAL)).isNotBlank();
        } finally {
            stack.connectClient().delete("it-bulk");
        }
    }

    /**
     * Readings arrive as a steady stream of bursts, each published when the previous one is in Kafka:
     * HiveMQ CE hands a shared subscription's messages to a member with nothing in flight, chosen at
     * random when messages arrive, and then keeps feeding that member from the backlog in batches, so
     * the split shows when the bridge keeps up with the stream (see the README).
     */
    @Test
    void twoTasksBothTakeAShareThroughTheSharedSubscription(final BrokerStack stack) throws Exception {
        final String topic = "it-shared-telemetry";
        ItSupport.createTopics(stack.bootstrapServers(), 12, topic, topic + "-dlq");
        stack.connectClient().createOrUpdate("it-shared", ItSupport.sourceConfig(stack.mqttUri(), "shared", topic, 2));
        stack.connectClient().awaitRunning("it-shared", ItSupport.TIMEOUT);
        await().atMost(ItSupport.TIMEOUT).until(() -> stack.connectClient().status("it-shared")
                .map(s -> s.tasks().size() == 2).orElse(false));

        final Set<String> published = new HashSet<>();
        try (ReliablePublisher publisher = new ReliablePublisher(stack.mqttUri(), "it-shared-devices", 1_000);
             TelemetryTally tally = new TelemetryTally(stack.bootstrapServers(), topic)) {
            for (int burst = 0; burst < 40; burst++) {
                published.addAll(ItSupport.publishReadings(publisher, "shared", 50, burst, 1));
                await().atMost(ItSupport.TIMEOUT).until(() -> tally.poll() >= published.size());
            }
            await().atMost(ItSupport.TIMEOUT).until(() ->
                    ItSupport.taskMetric("it-shared", 0, "mqtt-messages-forwarded-total")
                            + ItSupport.taskMetric("it-shared", 1, "mqtt-messages-forwarded-total") >= published.size());
            final long task0 = ItSupport.taskMetric("it-shared", 0, "mqtt-messages-forwarded-total");
            final long task1 = ItSupport.taskMetric("it-shared", 1, "mqtt-messages-forwarded-total");
            final Set<String> missing = tally.missing(published);
            LOG.info("tasks.max=2: published {} in 40 bursts, task 0 forwarded {}, task 1 forwarded {}, missing {}, "
                    + "duplicates {}", published.size(), task0, task1, missing.size(), tally.duplicates());
            assertThat(missing).isEmpty();
            assertThat(task0).isPositive();
            assertThat(task1).isPositive();
        } finally {
            stack.connectClient().delete("it-shared");
        }
    }

    /** Bad payloads of each kind the contract knows, with the reason the source must give. */
    private static final Map<String, String> BAD = badPayloads();

    private static Map<String, String> badPayloads() {
        final Map<String, String> bad = new LinkedHashMap<>();
        bad.put("MALFORMED_JSON", "{\"machine_id\":\"%s\",\"temperature\":");
        bad.put("NOT_AN_OBJECT", "[\"%s\", 80.1]");
        bad.put("MISSING_FIELD", "{\"temperature\":80.1,\"note\":\"%s\"}");
        bad.put("WRONG_TYPE", "{\"machine_id\":\"%s\",\"temperature\":\"hot\"}");
        bad.put("NON_FINITE", "{\"machine_id\":\"%s\",\"vibration\":NaN}");
        bad.put("OUT_OF_RANGE", "{\"machine_id\":\"%s\",\"temperature\":9000}");
        bad.put("INVALID_TIMESTAMP", "{\"machine_id\":\"%s\",\"timestamp\":\"yesterday\",\"rpm\":1500}");
        bad.put("UNKNOWN_SCHEMA_VERSION", "{\"machine_id\":\"%s\",\"schema_version\":7,\"rpm\":1500}");
        bad.put("NO_SENSOR_VALUES", "{\"machine_id\":\"%s\"}");
        bad.put("KEY_MISMATCH", "{\"machine_id\":\"OTHER_%s\",\"rpm\":1500}");
        bad.put("EMPTY_PAYLOAD", "");
        bad.put("OVERSIZE", "{\"machine_id\":\"%s\",\"rpm\":1500,\"padding\":" + "1".repeat(3_000) + "}");
        return bad;
    }

    @Test
    void routesAThousandMalformedPayloadsToTheDeadLetterTopicWhileEveryValidOneArrives(final BrokerStack stack)
            throws Exception {
        final String topic = "it-dlq-telemetry";
        final String dlq = topic + "-dlq";
        ItSupport.createTopics(stack.bootstrapServers(), 12, topic);
        ItSupport.createTopics(stack.bootstrapServers(), 3, dlq);
        final Map<String, String> config = ItSupport.sourceConfig(stack.mqttUri(), "dlq", topic, 1);
        config.put("validation.enabled", "true");
        config.put("payload.max.bytes", "2048");
        stack.connectClient().createOrUpdate("it-dlq", config);
        stack.connectClient().awaitRunning("it-dlq", ItSupport.TIMEOUT);

        final List<String> kinds = List.copyOf(BAD.keySet());
        final Random random = new Random(42);
        final Set<String> valid = new HashSet<>();
        final Map<String, Integer> expectedReasons = new TreeMap<>();
        try (ReliablePublisher publisher = new ReliablePublisher(stack.mqttUri(), "it-dlq-devices", 1_000)) {
            int bad = 0;
            long seq = 0;
            while (bad < 1_000 || valid.size() < 2_000) {
                final String machine = Readings.machine(1 + random.nextInt(20));
                if (bad < 1_000 && (valid.size() >= 2_000 || random.nextInt(3) == 0)) {
                    final String kind = kinds.get(bad % kinds.size());
                    final byte[] payload = String.format(BAD.get(kind), machine).getBytes(StandardCharsets.UTF_8);
                    publisher.publish(Readings.topic("dlq", machine), "bad-" + bad, payload);
                    expectedReasons.merge(kind, 1, Integer::sum);
                    bad++;
                } else {
                    final String id = Readings.id(machine, seq);
                    publisher.publish(Readings.topic("dlq", machine), id, Readings.reading(machine, seq++));
                    valid.add(id);
                }
            }
            await().atMost(ItSupport.TIMEOUT).until(() -> publisher.acked() >= 3_000);
        }

        try (TelemetryTally good = new TelemetryTally(stack.bootstrapServers(), topic);
             TelemetryTally rejected = new TelemetryTally(stack.bootstrapServers(), dlq)) {
            await().atMost(ItSupport.TIMEOUT).until(() -> good.poll() >= valid.size());
            await().atMost(ItSupport.TIMEOUT).until(() -> {
                rejected.poll();
                return rejected.total() >= 1_000;
            });
            final Map<String, Integer> reasons = new TreeMap<>();
            for (final ConsumerRecord<String, byte[]> record : rejected.records()) {
                reasons.merge(ItSupport.header(record, DeadLetterHeaders.REASON), 1, Integer::sum);
                assertThat(ItSupport.header(record, DeadLetterHeaders.DETAIL)).isNotBlank();
                assertThat(ItSupport.header(record, DeadLetterHeaders.REJECTED_BY)).isEqualTo("mqtt-source");
                assertThat(ItSupport.header(record, DeadLetterHeaders.SOURCE_TOPIC)).startsWith("dlq/machines/");
            }
            final Set<String> missing = good.missing(valid);
            LOG.info("validation: 2,000 valid and 1,000 malformed published; telemetry has {} distinct (missing {}, "
                    + "duplicates {}), dead-letter topic has {} with reasons {}", good.distinct(), missing.size(),
                    good.duplicates(), rejected.total(), reasons);
            assertThat(missing).isEmpty();
            assertThat(good.total()).as("nothing bad slipped through").isEqualTo(good.distinct() + good.duplicates());
            assertThat(good.records()).allSatisfy(r -> assertThat(ItSupport.header(r, DeadLetterHeaders.REASON)).isNull());
            final Map<String, Integer> distinctReasons = new HashMap<>(reasons);
            assertThat(distinctReasons.keySet()).containsExactlyInAnyOrderElementsOf(expectedReasons.keySet());
            expectedReasons.forEach((reason, n) -> assertThat(reasons.get(reason)).as(reason).isGreaterThanOrEqualTo(n));
        } finally {
            stack.connectClient().delete("it-dlq");
        }
    }

    /**
     * HiveMQ in memory forgets every session when it restarts: only a source that subscribes again
     * after reconnecting receives anything afterwards.
     */
    @Test
    void subscribesAgainAfterARestartedBrokerForgotItsSession(final LocalStack stack) throws Exception {
        final String topic = "it-resubscribe-telemetry";
        ItSupport.createTopics(stack.bootstrapServers(), 12, topic, topic + "-dlq");
        stack.connectClient().createOrUpdate("it-resubscribe",
                ItSupport.sourceConfig(stack.mqttUri(), "resub", topic, 1));
        stack.connectClient().awaitRunning("it-resubscribe", ItSupport.TIMEOUT);

        try (TelemetryTally tally = new TelemetryTally(stack.bootstrapServers(), topic)) {
            final Set<String> before;
            try (ReliablePublisher publisher = new ReliablePublisher(stack.mqttUri(), "it-resub-devices", 500)) {
                before = ItSupport.publishReadings(publisher, "resub", 10, 0, 50);
                await().atMost(ItSupport.TIMEOUT).until(() -> tally.poll() >= before.size());
            }
            stack.mqtt().stop();
            stack.mqtt().start();

            final Set<String> after;
            try (ReliablePublisher publisher = new ReliablePublisher(stack.mqttUri(), "it-resub-devices-2", 500)) {
                final long[] probe = {1_000};
                await().atMost(ItSupport.TIMEOUT).pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                    publisher.publish(Readings.topic("resub", "PROBE"), "probe-" + probe[0],
                            Readings.reading("PROBE", probe[0]++));
                    tally.poll();
                    return tally.records().stream().anyMatch(r -> "PROBE".equals(r.key()));
                });
                after = ItSupport.publishReadings(publisher, "resub", 10, 100, 50);
                await().atMost(ItSupport.TIMEOUT).until(() -> publisher.unacked() == 0);
            }
            final Set<String> all = ItSupport.union(List.of(before, after));
            await().atMost(ItSupport.TIMEOUT).until(() -> {
                tally.poll();
                return tally.missing(all).isEmpty();
            });
            final long reconnects = ItSupport.taskMetric("it-resubscribe", 0, "mqtt-reconnects-total");
            LOG.info("in-memory HiveMQ restarted: {} readings before and {} after, missing {}, reconnects {}",
                    before.size(), after.size(), tally.missing(all).size(), reconnects);
            assertThat(tally.missing(all)).isEmpty();
            assertThat(reconnects).isGreaterThanOrEqualTo(1);
        } finally {
            stack.connectClient().delete("it-resubscribe");
        }
    }
}
