package dev.pdm.iiot.detector.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two detector instances, each its own JVM started from the packaged application, on the real
 * in-process broker: every machine answers from either instance, and when one stops the other
 * takes its partitions with the models and alerts intact. Both require authentication: a machine
 * held by the other instance is fetched with the caller's own credentials, forwarded (the other
 * instance would refuse the request without them, and the answer would be a 503).
 */
@LocalStackTest(connect = false)
class TwoInstancesIT {

    private static final int MACHINES = 8;
    private static final int SPIKED = 4;
    private static final String APP_ID = "detector-two-instances";

    @TempDir
    Path work;

    private final List<DetectorProcess> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (final DetectorProcess p : processes) {
            p.close();
            // keep each instance's log beside the test reports
            final Path kept = Path.of("target", "failsafe-reports", "TwoInstancesIT-" + p.log().getFileName());
            Files.createDirectories(kept.getParent());
            Files.copy(p.log(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String id(final int i) {
        return String.format("PUMP_%02d", i);
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void eitherInstanceAnswersForEveryMachineAndOneTakesOverWhenTheOtherStops(final BrokerStack stack)
            throws Exception {
        keepAlertsOfAnyAge(stack);
        final DetectorProcess a = new DetectorProcess("detector-a", work).start(stack.bootstrapServers(), APP_ID,
                work.resolve("state-a"));
        final DetectorProcess b = new DetectorProcess("detector-b", work).start(stack.bootstrapServers(), APP_ID,
                work.resolve("state-b"));
        processes.add(a);
        processes.add(b);
        await("both instances ready").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                .until(() -> a.ready() && b.ready());

        final Map<String, Readings> machines = new HashMap<>();
        try (TelemetryProducer producer = new TelemetryProducer(stack.bootstrapServers())) {
            for (int m = 0; m < MACHINES; m++) {
                machines.put(id(m), new Readings(id(m), 100 + m));
            }
            for (int i = 0; i < 30; i++) {
                for (int m = 0; m < MACHINES; m++) {
                    producer.send(machines.get(id(m)).healthy());
                }
            }
            for (int i = 0; i < 4; i++) {
                for (int m = 0; m < SPIKED; m++) {
                    producer.send(machines.get(id(m)).spike());
                }
            }
            producer.flush();

            await("every machine trained and the spiked ones alerting, seen from both instances")
                    .atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        for (final DetectorProcess p : List.of(a, b)) {
                            for (int m = 0; m < MACHINES; m++) {
                                final HttpResponse<String> r = p.get("/machines/" + id(m));
                                assertThat(r.statusCode()).as("%s asked for %s: %s", p, id(m), r.body()).isEqualTo(200);
                                final JsonNode detail = EventJson.newMapper().readTree(r.body());
                                assertThat(detail.at("/status/machine_id").asText()).isEqualTo(id(m));
                                assertThat(detail.at("/status/model_version").asInt()).isEqualTo(1);
                                assertThat(detail.at("/model/version").asInt()).isEqualTo(1);
                                assertThat(detail.at("/open_alert/alert_id").asText(""))
                                        .isEqualTo(m < SPIKED ? id(m) + ":ANOMALY:1" : "");
                            }
                        }
                    });
            final List<MachineStatus> localToA = statuses(a.getLocal("/machines"));
            final List<MachineStatus> localToB = statuses(b.getLocal("/machines"));
            assertThat(localToA).as("each instance holds some machines").isNotEmpty();
            assertThat(localToB).isNotEmpty();
            assertThat(localToA.size() + localToB.size()).isEqualTo(MACHINES);
            assertThat(statuses(b.get("/machines"))).as("merged over both").hasSize(MACHINES);

            b.stop();
            // b left the group as it stopped: a takes its partitions now, not once b's session (45 s) expires
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers()))) {
                await("the stopped instance has left the group").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                            final ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APP_ID))
                                    .describedGroups().get(APP_ID).get(10, TimeUnit.SECONDS);
                            assertThat(group.members()).isNotEmpty().allSatisfy(member -> assertThat(
                                    member.groupInstanceId()).hasValueSatisfying(id -> assertThat(id)
                                    .startsWith("streams-detector-localhost-" + a.port())));
                        });
            }
            for (int i = 0; i < 3; i++) {
                for (int m = 0; m < MACHINES; m++) {
                    producer.send(m < SPIKED ? machines.get(id(m)).spike() : machines.get(id(m)).healthy());
                }
            }
            producer.flush();

            await("the survivor serves every machine with its model").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        for (int m = 0; m < MACHINES; m++) {
                            final HttpResponse<String> r = a.get("/machines/" + id(m));
                            assertThat(r.statusCode()).as("%s: %s", id(m), r.body()).isEqualTo(200);
                            final JsonNode detail = EventJson.newMapper().readTree(r.body());
                            assertThat(detail.at("/status/readings").asInt()).as("%s: %s", id(m), r.body())
                                    .isEqualTo(m < SPIKED ? 37 : 33);
                            assertThat(detail.at("/status/model_version").asInt()).isEqualTo(1);
                            if (m < SPIKED) {
                                assertThat(detail.at("/open_alert/alert_id").asText()).isEqualTo(id(m) + ":ANOMALY:1");
                                assertThat(detail.at("/open_alert/count").asInt()).isEqualTo(7);
                            }
                        }
                    });
        }

        final List<ModelDescriptor> models = readAll(stack, KafkaTopics.MODELS, EventSerdes.modelDescriptor());
        assertThat(models).as("one model per machine: none retrained after the failover").hasSize(MACHINES);
        final List<Alert> alerts = readAll(stack, KafkaTopics.ALERTS, EventSerdes.alert());
        final Set<String> ids = new HashSet<>();
        alerts.forEach(x -> ids.add(x.alertId()));
        assertThat(ids).as("one alert per spiked machine, none lost, none raised twice").hasSize(SPIKED);
        for (int m = 0; m < SPIKED; m++) {
            final String alertId = id(m) + ":ANOMALY:1";
            final List<Long> counts = alerts.stream().filter(x -> x.alertId().equals(alertId)).map(Alert::count).toList();
            assertThat(counts).as("every change of %s once, in order", alertId).containsExactly(3L, 4L, 5L, 6L, 7L);
        }
    }

    /**
     * The readings are stamped from a day a year ago and every alert record carries its reading's
     * timestamp: the broker's first retention check would delete the alerts written before it.
     */
    private static void keepAlertsOfAnyAge(final BrokerStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            final ConfigResource alerts = new ConfigResource(ConfigResource.Type.TOPIC, KafkaTopics.ALERTS);
            admin.incrementalAlterConfigs(Map.of(alerts, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private static List<MachineStatus> statuses(final HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.newMapper().readValue(response.body(), new TypeReference<List<MachineStatus>>() {
        });
    }

    private static <T> List<T> readAll(final BrokerStack stack, final String topic, final Deserializer<T> values) {
        final Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int idle = 0;
            while (System.nanoTime() < deadline && idle < 3) {
                final var records = consumer.poll(Duration.ofSeconds(1));
                if (records.isEmpty() && !consumer.assignment().isEmpty()) {
                    idle++;
                }
                for (final ConsumerRecord<String, T> r : records) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }

}
