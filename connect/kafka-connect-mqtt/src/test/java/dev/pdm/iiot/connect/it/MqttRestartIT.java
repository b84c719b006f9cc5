package dev.pdm.iiot.connect.it;

import dev.pdm.iiot.connect.sink.MqttSinkConnector;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertIds;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.connect.ConnectWorker;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The source across restarts of the MQTT broker and of the Connect worker, mid-stream, and the
 * alert sink across a restart of the MQTT broker. HiveMQ keeps
 * its sessions on disk here (as the platform runs it), so that the source's persistent session, with
 * its subscription and the messages queued for it, survives the broker's restart.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MqttRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(MqttRestartIT.class);

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.builder().mqttPersistence(MqttPersistence.FILE).build().start();
    }

    @AfterAll
    static void closeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void reconnectsAfterTheMqttBrokerRestartsAndLosesNothingPublishedBeforeDuringOrAfter() throws Exception {
        final String topic = "it-broker-restart-telemetry";
        ItSupport.createTopics(stack.bootstrapServers(), 12, topic, topic + "-dlq");
        stack.connectClient().createOrUpdate("it-broker-restart",
                ItSupport.sourceConfig(stack.mqttUri(), "brokerrestart", topic, 2));
        stack.connectClient().awaitRunning("it-broker-restart", ItSupport.TIMEOUT);

        try (ReliablePublisher publisher = new ReliablePublisher(stack.mqttUri(), "it-restart-devices", 500);
             TelemetryTally tally = new TelemetryTally(stack.bootstrapServers(), topic)) {
            final Set<String> before = ItSupport.publishReadings(publisher, "brokerrestart", 50, 0, 60);
            await().atMost(ItSupport.TIMEOUT).until(() -> publisher.acked() >= before.size());
            await().atMost(ItSupport.TIMEOUT).until(() -> tally.poll() >= 500);

            stack.mqtt().stop();
            LOG.info("HiveMQ stopped with {} of {} readings in Kafka", tally.poll(), before.size());
            final Thread during = new Thread(() -> {
                try {
                    ItSupport.publishReadings(publisher, "brokerrestart", 50, 60, 20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "publish-during-restart");
            during.start();
            stack.mqtt().start();
            during.join(ItSupport.TIMEOUT.toMillis());
            final Set<String> after = ItSupport.publishReadings(publisher, "brokerrestart", 50, 80, 40);

            final Set<String> all = ItSupport.union(List.of(before, after,
                    ItSupport.publishedIds("brokerrestart", 50, 60, 20)));
            await().atMost(ItSupport.TIMEOUT).until(() -> publisher.unacked() == 0 && publisher.acked() >= all.size());
            await().atMost(ItSupport.TIMEOUT).until(() -> tally.poll() >= all.size());

            final Set<String> missing = tally.missing(all);
            final long reconnects = ItSupport.taskMetric("it-broker-restart", 0, "mqtt-reconnects-total")
                    + ItSupport.taskMetric("it-broker-restart", 1, "mqtt-reconnects-total");
            final long dupFlagged = ItSupport.taskMetric("it-broker-restart", 0, "mqtt-messages-duplicate-total")
                    + ItSupport.taskMetric("it-broker-restart", 1, "mqtt-messages-duplicate-total");
            LOG.info("HiveMQ restart: published {} (republished by the devices {}), in Kafka {} distinct of {} "
                            + "records: missing {}, duplicates {} (DUP-flagged on arrival {}), reconnects {}",
                    all.size(), publisher.republished(), tally.distinct(), tally.total(), missing.size(),
                    tally.duplicates(), dupFlagged, reconnects);
            assertThat(missing).isEmpty();
            assertThat(reconnects).isGreaterThanOrEqualTo(1);
        } finally {
            stack.connectClient().delete("it-broker-restart");
        }
    }

    @Test
    void losesNothingWhenTheConnectWorkerStopsAndStartsAgainMidStream() throws Exception {
        final String topic = "it-worker-restart-telemetry";
        ItSupport.createTopics(stack.bootstrapServers(), 12, topic, topic + "-dlq");
        stack.connectClient().createOrUpdate("it-worker-restart",
                ItSupport.sourceConfig(stack.mqttUri(), "workerrestart", topic, 2));
        stack.connectClient().awaitRunning("it-worker-restart", ItSupport.TIMEOUT);
        final ConnectWorker worker = stack.connect().orElseThrow();

        try (ReliablePublisher publisher = new ReliablePublisher(stack.mqttUri(), "it-worker-devices", 500);
             TelemetryTally tally = new TelemetryTally(stack.bootstrapServers(), topic)) {
            final Set<String> before = ItSupport.publishReadings(publisher, "workerrestart", 50, 0, 60);
            await().atMost(ItSupport.TIMEOUT).until(() -> tally.poll() >= 500);

            worker.stop();
            LOG.info("Connect worker stopped with {} of {} readings in Kafka", tally.poll(), before.size());
            final Set<String> during = ItSupport.publishReadings(publisher, "workerrestart", 50, 60, 40);
            await().atMost(ItSupport.TIMEOUT).until(() -> publisher.unacked() == 0);
            worker.start();
            stack.connectClient().awaitRunning("it-worker-restart", ItSupport.TIMEOUT);
            final Set<String> after = ItSupport.publishReadings(publisher, "workerrestart", 50, 100, 20);

            final Set<String> all = ItSupport.union(List.of(before, during, after));
            await().atMost(ItSupport.TIMEOUT).until(() -> publisher.unacked() == 0);
            await().atMost(ItSupport.TIMEOUT).until(() -> tally.poll() >= all.size());

            final Set<String> missing = tally.missing(all);
            LOG.info("Connect worker restart: published {}, in Kafka {} distinct of {} records: missing {}, "
                    + "duplicates {}", all.size(), tally.distinct(), tally.total(), missing.size(), tally.duplicates());
            assertThat(missing).isEmpty();
        } finally {
            stack.connectClient().delete("it-worker-restart");
        }
    }

    @Test
    void theSinkPublishesEveryAlertAgainThatTheBrokerDidNotAcknowledgeBeforeItRestarted() throws Exception {
        final String topic = "it-sink-restart-alerts";
        ItSupport.createTopics(stack.bootstrapServers(), 6, topic);
        final Map<String, String> config = new HashMap<>();
        config.put("connector.class", MqttSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("mqtt.server.uri", stack.mqttUri());
        config.put("mqtt.topic", "sinkrestart/alerts/anomaly");
        config.put("mqtt.reconnect.backoff.ms", "200");
        config.put("mqtt.reconnect.backoff.max.ms", "2000");
        config.put("mqtt.connection.timeout.seconds", "5");
        // The consumer subscribes at QoS 1 with a persistent session, so that the broker redelivers to it
        // whatever it had not acknowledged when the broker stopped; what is tested is the sink's side.
        try (AlertSubscriber subscriber = new AlertSubscriber(stack.mqttUri(), "it-sink-restart-consumer",
                "sinkrestart/alerts/anomaly", 1, true);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                     new StringSerializer(), new ByteArraySerializer())) {
            stack.connectClient().createOrUpdate("it-sink-restart", config);
            stack.connectClient().awaitRunning("it-sink-restart", ItSupport.TIMEOUT);

            final Set<String> produced = new HashSet<>();
            produceAlerts(producer, topic, 0, 500, produced);
            await().atMost(ItSupport.TIMEOUT).until(() -> subscriber.received().size() >= 100);
            stack.mqtt().stop();
            produceAlerts(producer, topic, 500, 500, produced);
            stack.mqtt().start();
            produceAlerts(producer, topic, 1_000, 500, produced);

            final Set<String> received = new HashSet<>();
            try {
                await().atMost(ItSupport.TIMEOUT).until(() -> {
                    subscriber.received().forEach(r -> received.add(
                            EventJson.fromJson(new String(r.payload(), StandardCharsets.UTF_8), Alert.class).alertId()));
                    return received.containsAll(produced);
                });
            } finally {
                final Set<String> missing = new java.util.TreeSet<>(produced);
                missing.removeAll(received);
                if (!missing.isEmpty()) {
                    LOG.warn("alert sink across a HiveMQ restart: {} missing, e.g. {}", missing.size(),
                            missing.stream().limit(20).toList());
                }
            }
            final long retries = ItSupport.taskMetric("it-sink-restart", 0, "mqtt-publish-retries-total");
            LOG.info("alert sink across a HiveMQ restart: produced {}, received {} distinct of {} messages: missing 0, "
                    + "duplicates {}, rewinds {}", produced.size(), received.size(), subscriber.received().size(),
                    subscriber.received().size() - received.size(), retries);
            assertThat(received).containsAll(produced);
        } finally {
            stack.connectClient().delete("it-sink-restart");
        }
    }

    private static void produceAlerts(final KafkaProducer<String, byte[]> producer, final String topic, final int from,
                                      final int count, final Set<String> ids) {
        for (int n = from; n < from + count; n++) {
            final String machine = Readings.machine(1 + n % 20);
            final String id = AlertIds.of(machine, Alert.TYPE_ANOMALY, n);
            final Alert alert = Alert.prototype(id, machine, Instant.now(), -0.6, Map.of("temperature", 85.0),
                    Severity.WARNING, "Schedule inspection: Temperature exceeds safe threshold");
            producer.send(new ProducerRecord<>(topic, machine, EventJson.toBytes(alert)));
            ids.add(id);
        }
        producer.flush();
    }
}
