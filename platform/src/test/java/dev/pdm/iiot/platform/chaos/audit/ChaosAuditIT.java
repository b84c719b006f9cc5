package dev.pdm.iiot.platform.chaos.audit;

import com.sun.net.httpserver.HttpServer;
import dev.pdm.iiot.detector.model.ScoredReadingSerde;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.TopicSpec;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.localstack.kafka.KafkaBroker;
import dev.pdm.iiot.localstack.kafka.KafkaBrokerConfig;
import dev.pdm.iiot.localstack.kafka.PlatformTopics;
import dev.pdm.iiot.localstack.mqtt.MqttBroker;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.pdm.iiot.events.model.AlertStatus.ACTIVE_UNACK;
import static dev.pdm.iiot.events.model.AlertStatus.CLEARED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole audit on a real Kafka broker, a real HiveMQ and stand-ins for the apps' REST APIs: a run
 * where one acknowledged reading never reached Kafka and one alert state never reached MQTT is
 * found out, with every other figure as it was written.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ChaosAuditIT {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void findsTheLostReadingAndTheAlertMissingOnMqttAndCountsEverythingElse() throws Exception {
        try (KafkaBroker kafka = new KafkaBroker(KafkaBrokerConfig.loopback(dir.resolve("kafka")));
             MqttBroker mqtt = new MqttBroker(MqttBrokerConfig.loopback(dir.resolve("hivemq"), MqttPersistence.IN_MEMORY))) {
            // given the platform's topics, a broker, the apps agreeing, and an audit started before the run
            kafka.start();
            final List<TopicSpec> topics = new ArrayList<>(KafkaTopics.all());
            topics.add(TopicSpec.compacted(ChaosAudit.READINGS_CHANGELOG, KafkaTopics.DEFAULT_PARTITIONS));
            PlatformTopics.create(kafka.bootstrapServers(), topics, Duration.ofSeconds(60));
            mqtt.start();
            final HttpServer apps = apps();
            final String base = "http://127.0.0.1:" + apps.getAddress().getPort();
            final AcknowledgedReadings acknowledged = new AcknowledgedReadings();
            try (ChaosAudit audit = ChaosAudit.start(ChaosAudit.Settings.of(kafka.bootstrapServers(),
                    List.of(mqtt.uri()), null, null, base, base, "viewer", "secret"), acknowledged);
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                         new StringSerializer(), new ByteArraySerializer())) {

                // when M1's readings 0..9 are acknowledged, 0..8 stored (3 twice) and scored once each
                final ScoredReadingSerde changelog = new ScoredReadingSerde();
                for (long seq = 0; seq < 10; seq++) {
                    acknowledged.add(MqttTopics.sensors("M1"), reading(seq));
                }
                for (long seq = 0; seq < 9; seq++) {
                    producer.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, "M1", reading(seq)));
                    producer.send(new ProducerRecord<>(ChaosAudit.READINGS_CHANGELOG, "M1", changelog.serialize(
                            ChaosAudit.READINGS_CHANGELOG, scored(seq))));
                }
                producer.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, "M1", reading(3)));
                // and an alert raised and cleared, only its raise published on MQTT; and a first model
                final Alert raised = Alerts.anomaly(1, ACTIVE_UNACK, 3, 0);
                final Alert cleared = Alerts.anomaly(1, CLEARED, 3, 9);
                producer.send(new ProducerRecord<>(KafkaTopics.ALERTS, "M1", EventJson.toBytes(raised)));
                producer.send(new ProducerRecord<>(KafkaTopics.ALERTS, "M1", EventJson.toBytes(cleared)));
                producer.send(new ProducerRecord<>(KafkaTopics.MODELS, "M1", EventJson.toBytes(model())));
                producer.flush();
                publish(mqtt.uri(), EventJson.toBytes(raised));

                final ChaosAudit.Result result = audit.finish(Duration.ofSeconds(5));

                // then reading 9 is lost, the clear missing on MQTT, and nothing else is wrong
                assertThat(result.passed()).isFalse();
                assertThat(result.readingsAcknowledged()).isEqualTo(10);
                assertThat(result.readingsInTelemetry()).isEqualTo(9);
                assertThat(result.readingsLost()).isEqualTo(1);
                assertThat(result.telemetry().lostReadings().first()).containsExactly("M1:9");
                assertThat(result.telemetryDuplicates()).isEqualTo(1);
                assertThat(result.readingsScored()).isEqualTo(9);
                assertThat(result.scoringDuplicates()).isZero();
                assertThat(result.readingsUnscored()).isZero();
                assertThat(result.alertRecords()).isEqualTo(2);
                assertThat(result.duplicateAlerts()).isZero();
                assertThat(result.modelsTrained()).isEqualTo(1);
                assertThat(result.modelsLost()).isZero();
                assertThat(result.alertRecordsMissingOnMqtt()).isEqualTo(1);
                assertThat(result.mqtt().examples()).singleElement().asString().contains("CLEARED");
                assertThat(result.snapshotDifferences()).isEmpty();
                assertThat(audit.partitionsScoring()).isNotEmpty();
            } finally {
                apps.stop(0);
            }
        }
    }

    private static byte[] reading(final long seq) {
        return ("{\"machine_id\":\"M1\",\"timestamp\":\"" + T0.plusSeconds(seq) + "\",\"schema_version\":1,\"seq\":"
                + seq + ",\"temperature\":60.0}").getBytes(StandardCharsets.UTF_8);
    }

    private static ScoredReading scored(final long seq) {
        return new ScoredReading(new TelemetryReading("M1", T0.plusSeconds(seq), Map.of("temperature", 60.0), 1, seq),
                0.3, 0.6, false, 1);
    }

    private static ModelDescriptor model() {
        return new ModelDescriptor("M1", 1, T0, 30, List.of("temperature"), List.of(), 0.6, 0.15, 100, 1.0, 0,
                48_000, ModelDescriptor.Reason.INITIAL);
    }

    private static void publish(final String uri, final byte[] payload) throws Exception {
        final MqttClient client = new MqttClient(uri, "alert-sink-stand-in", new MemoryPersistence());
        client.connect();
        client.publish(MqttTopics.ALERTS, new MqttMessage(payload, 1, false, null));
        client.disconnect();
        client.close();
    }

    /** The detector's {@code /machines} and the dashboard's {@code /api/machines}, agreeing. */
    private static HttpServer apps() throws Exception {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/machines", exchange -> {
            final byte[] body = SnapshotComparisonTest.DETECTOR.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/api/machines", exchange -> {
            final byte[] body = SnapshotComparisonTest.DASHBOARD.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
