package dev.pdm.iiot.connect.it;

import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.connect.ConnectWorker;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The source across restarts of the MQTT broker and of the Connect worker, mid-stream. HiveMQ keeps
 * its sessions on disk here (as the platform runs it), so that the source's persistent session, with
 * its subscription and the messages queued for it, survives the broker's restart.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MqttSourceRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceRestartIT.class);

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
}
