package dev.pdm.iiot.localstack;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.TopicSpec;
import dev.pdm.iiot.localstack.connect.ConnectClient;
import dev.pdm.iiot.localstack.support.CountingSourceConnector;
import dev.pdm.iiot.localstack.support.KafkaTestClients;
import dev.pdm.iiot.localstack.support.MqttTestClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link BrokerStack} must do, in-process or on containers: each test proves one part
 * works for real, through the clients the platform uses.
 */
abstract class BrokerStackContract {

    static final Duration WAIT = Duration.ofSeconds(60);

    /** The started stack under test. */
    protected abstract BrokerStack stack();

    private static String unique(final String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsThePlatformTopicsWithTheirPartitionsAndCleanupPolicy() throws Exception {
        final List<String> names = KafkaTopics.all().stream().map(TopicSpec::name).toList();
        try (Admin admin = KafkaTestClients.admin(stack().bootstrapServers())) {
            final Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            final Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();

            for (final TopicSpec spec : KafkaTopics.all()) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
                final String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                        .get("cleanup.policy").value();
                assertThat(policy).as(spec.name()).isEqualTo(spec.compacted() ? "compact" : "delete");
            }
        }
    }

    @Test
    void recordsProducedToKafkaAreConsumed() {
        final Map<String, String> sent = new LinkedHashMap<>();
        IntStream.range(0, 500).forEach(i -> sent.put("MACHINE_" + i, "{\"seq\":" + i + "}"));

        KafkaTestClients.produce(stack().bootstrapServers(), KafkaTopics.TELEMETRY, sent);
        final Map<String, String> read = KafkaTestClients.consume(stack().bootstrapServers(), KafkaTopics.TELEMETRY,
                sent.size(), WAIT);

        assertThat(read).containsAllEntriesOf(sent);
    }

    @Test
    void qos1MessagesPublishedOverMqttReachASubscriber() throws Exception {
        final String topic = "factory/machines/" + unique("M") + "/sensors";
        try (MqttTestClient subscriber = MqttTestClient.connectClean(stack().mqttUri(), unique("sub"));
             MqttTestClient publisher = MqttTestClient.connectClean(stack().mqttUri(), unique("pub"))) {
            subscriber.subscribe(topic);

            final List<String> sent = IntStream.range(0, 200).mapToObj(i -> "reading-" + i).toList();
            for (final String payload : sent) {
                publisher.publish(topic, payload);
            }

            await("all QoS 1 messages").atMost(WAIT).until(() -> subscriber.received().size() >= sent.size());
            assertThat(subscriber.received()).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void sourceConnectorDeliversRecordsThroughTheConnectWorker() {
        final ConnectClient connect = stack().connectClient();
        final String name = unique("counting");
        final String topic = unique("counted");
        final int count = 300;

        connect.createOrUpdate(name, Map.of(
                "connector.class", CountingSourceConnector.class.getName(),
                "tasks.max", "1",
                CountingSourceConnector.TOPIC, topic,
                CountingSourceConnector.COUNT, String.valueOf(count)));
        try {
            assertThat(connect.awaitRunning(name, WAIT).tasks()).hasSize(1);

            final Map<String, String> read = KafkaTestClients.consume(stack().bootstrapServers(), topic, count, WAIT);
            assertThat(read).hasSize(count).containsEntry("key-0", "value-0").containsEntry("key-299", "value-299");
        } finally {
            connect.delete(name);
        }
    }

    @Test
    void offlinePersistentSubscriberGetsEveryMessageBeyondHiveMqsDefaultQueueOf1000() throws Exception {
        final String topic = "factory/machines/" + unique("M") + "/sensors";
        final String subscriberId = unique("offline-sub");
        final int published = 5_000;
        try (MqttTestClient subscriber = MqttTestClient.connectPersistent(stack().mqttUri(), subscriberId)) {
            subscriber.subscribe(topic);
            subscriber.disconnect();

            try (MqttTestClient publisher = MqttTestClient.connectClean(stack().mqttUri(), unique("pub"))) {
                for (int i = 0; i < published; i++) {
                    publisher.publish(topic, "m-" + i);
                }
            }
            subscriber.reconnect();

            await("all " + published + " queued messages").atMost(WAIT).untilAsserted(() ->
                    assertThat(distinct(subscriber.received()).size()).as("distinct messages received")
                            .isEqualTo(published));
            assertThat(distinct(subscriber.received())).isEqualTo(
                    IntStream.range(0, published).mapToObj(i -> "m-" + i).collect(Collectors.toSet()));
        }
    }

    private static Set<String> distinct(final List<String> payloads) {
        return new HashSet<>(payloads);
    }
}
