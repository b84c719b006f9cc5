package dev.pdm.iiot.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdm.iiot.connect.sink.AlertPayloadMapper;
import dev.pdm.iiot.connect.sink.MqttSinkConnector;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertIds;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The alert sink on a real Kafka broker, Connect worker and HiveMQ CE. */
@LocalStackTest(scope = LocalStackTest.Scope.RUN)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MqttSinkIT {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSinkIT.class);

    private static Map<String, String> sinkConfig(final BrokerStack stack, final String kafkaTopic, final String mqttTopic) {
        final Map<String, String> config = new HashMap<>();
        config.put("connector.class", MqttSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", kafkaTopic);
        config.put("mqtt.server.uri", stack.mqttUri());
        config.put("mqtt.topic", mqttTopic);
        return config;
    }

    private static Set<String> produceAlerts(final BrokerStack stack, final String topic, final int machines,
                                             final int perMachine) throws Exception {
        final Set<String> ids = new HashSet<>();
        final Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int n = 1; n <= perMachine; n++) {
                for (int m = 1; m <= machines; m++) {
                    final String machine = Readings.machine(m);
                    final String id = AlertIds.of(machine, Alert.TYPE_ANOMALY, n);
                    final Alert alert = new Alert(id, machine, Instant.now(), -0.62, Map.of("temperature", 84.0),
                            n % 2 == 0 ? Severity.CRITICAL : Severity.WARNING, "Schedule inspection: Temperature exceeds "
                            + "safe threshold", null, null, n, null, null, null, null, 1, 0.62, 0.55, null, null, null, null, null);
                    producer.send(new ProducerRecord<>(topic, machine, EventJson.toBytes(alert)));
                    ids.add(id);
                }
            }
            producer.flush();
        }
        return ids;
    }

    @Test
    void everyAlertReachesAnMqttSubscriberOfTheAlertTopic(final BrokerStack stack) throws Exception {
        final String topic = "it-sink-alerts";
        ItSupport.createTopics(stack.bootstrapServers(), 12, topic);
        try (AlertSubscriber subscriber = new AlertSubscriber(stack.mqttUri(), "it-alert-consumer",
                "itsink/alerts/anomaly", 2)) {
            stack.connectClient().createOrUpdate("it-sink", sinkConfig(stack, topic, "itsink/alerts/anomaly"));
            stack.connectClient().awaitRunning("it-sink", ItSupport.TIMEOUT);

            final Set<String> produced = produceAlerts(stack, topic, 100, 10);
            final Set<String> received = new HashSet<>();
            await().atMost(ItSupport.TIMEOUT).until(() -> {
                subscriber.received().forEach(r -> received.add(EventJson.fromJson(new String(r.payload()), Alert.class).alertId()));
                return received.containsAll(produced);
            });
            final Set<String> missing = new HashSet<>(produced);
            missing.removeAll(received);
            LOG.info("alert sink: produced {}, received on MQTT {} messages ({} distinct), missing {}, duplicates {}",
                    produced.size(), subscriber.received().size(), received.size(), missing.size(),
                    subscriber.received().size() - received.size());
            assertThat(missing).isEmpty();
            assertThat(subscriber.received()).allSatisfy(r -> {
                assertThat(r.topic()).isEqualTo("itsink/alerts/anomaly");
                assertThat(r.qos()).isEqualTo(2);
            });
            final JsonNode first = EventJson.newMapper().readTree(subscriber.received().get(0).payload());
            assertThat(first.has("status")).as("the platform's full alert by default").isTrue();
        } finally {
            stack.connectClient().delete("it-sink");
        }
    }

    @Test
    void publishesThePrototypesSevenFieldsPerMachineWhenConfigured(final BrokerStack stack) throws Exception {
        final String topic = "it-sink-proto-alerts";
        ItSupport.createTopics(stack.bootstrapServers(), 3, topic);
        try (AlertSubscriber subscriber = new AlertSubscriber(stack.mqttUri(), "it-proto-consumer",
                "itproto/machines/+/alerts", 1)) {
            final Map<String, String> config = sinkConfig(stack, topic, "itproto/machines/{machineId}/alerts");
            config.put("mqtt.payload.format", "prototype");
            config.put("mqtt.qos", "1");
            stack.connectClient().createOrUpdate("it-sink-proto", config);
            stack.connectClient().awaitRunning("it-sink-proto", ItSupport.TIMEOUT);

            final Set<String> produced = produceAlerts(stack, topic, 5, 4);
            await().atMost(ItSupport.TIMEOUT).until(() -> subscriber.received().size() >= produced.size());

            final Set<String> received = new HashSet<>();
            for (final AlertSubscriber.Received r : subscriber.received()) {
                final JsonNode alert = EventJson.newMapper().readTree(r.payload());
                assertThat(alert.fieldNames()).toIterable().containsExactlyElementsOf(AlertPayloadMapper.PROTOTYPE_FIELDS);
                assertThat(r.topic()).isEqualTo("itproto/machines/" + alert.get("machine_id").asText() + "/alerts");
                received.add(alert.get("alert_id").asText());
            }
            LOG.info("prototype-format sink: produced {}, received {} distinct of {}", produced.size(),
                    received.size(), subscriber.received().size());
            assertThat(received).containsAll(produced);
        } finally {
            stack.connectClient().delete("it-sink-proto");
        }
    }
}
