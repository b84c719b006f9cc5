package dev.pdm.iiot.dashboard.it;

import dev.pdm.iiot.dashboard.support.TestUsers;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.localstack.quarkus.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.support.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * An operator's ack and clear with the detector down: the dashboard validates against its own view
 * of the alerts and writes the command, in the signed-in operator's name (a viewer may not), to
 * {@code alert-commands}; the test then plays the detector and emits the alert's new state, which
 * the app shows.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(DetectorDownResource.class)
class AlertCommandIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void anAckWithTheDetectorDownReachesAlertCommandsAndTheNewStateIsShown() {
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaTopics.ALERT_COMMANDS)) {
            kafka.send(KafkaTopics.ALERTS, "ACK_1", alert("ACK_1", 1, AlertStatus.ACTIVE_UNACK, Severity.CRITICAL, Instant.now()));
            await().atMost(PATIENCE).untilAsserted(() -> as(TestUsers.VIEWER).queryParam("status", "ACTIVE_UNACK")
                    .get("/api/alerts").then().body("alert_id", hasItem("ACK_1:ANOMALY:1")));

            // a typed "by" is ignored: the command records the signed-in operator
            as(TestUsers.VIEWER).post("/api/alerts/ACK_1:ANOMALY:1/ack").then().statusCode(403);
            as(TestUsers.OPERATOR).contentType(ContentType.JSON).body("{\"by\":\"mallory\"}")
                    .queryParam("by", "mallory").post("/api/alerts/ACK_1:ANOMALY:1/ack")
                    .then().statusCode(202)
                    .body("result", equalTo("ACCEPTED"))
                    .body("via", equalTo("kafka"))
                    .body("command.by", equalTo(TestUsers.OPERATOR));

            final ConsumerRecord<String, byte[]> written = await().atMost(PATIENCE)
                    .until(() -> commandFor(kafka.poll(), "ACK_1:ANOMALY:1", AlertCommand.Action.ACK),
                            r -> r != null);
            assertThat(written.key()).isEqualTo("ACK_1");
            final AlertCommand command = EventJson.fromJson(new String(written.value()), AlertCommand.class);
            assertThat(command.by()).isEqualTo(TestUsers.OPERATOR);
            assertThat(command.machineId()).isEqualTo("ACK_1");

            kafka.send(KafkaTopics.ALERTS, "ACK_1", alert("ACK_1", 1, AlertStatus.ACTIVE_ACK, Severity.CRITICAL, Instant.now()));
            await().atMost(PATIENCE).untilAsserted(() -> as(TestUsers.VIEWER).queryParam("status", "ACTIVE_ACK")
                    .get("/api/alerts").then().body("alert_id", hasItem("ACK_1:ANOMALY:1")));
        }
    }

    @Test
    void unknownAndClearedAlertsAreRefusedAndNothingIsWritten() {
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaTopics.ALERT_COMMANDS)) {
            kafka.send(KafkaTopics.ALERTS, "ACK_2", alert("ACK_2", 1, AlertStatus.CLEARED, Severity.INFO, Instant.now()));
            await().atMost(PATIENCE).untilAsserted(() -> as(TestUsers.VIEWER).queryParam("status", "CLEARED")
                    .get("/api/alerts").then().body("alert_id", hasItem("ACK_2:ANOMALY:1")));

            as(TestUsers.OPERATOR).post("/api/alerts/ACK_2:ANOMALY:1/clear").then().statusCode(409);
            as(TestUsers.OPERATOR).post("/api/alerts/ACK_2:ANOMALY:7/ack").then().statusCode(404);

            // a clear of an open alert afterwards is written: the topic holds it and nothing for ACK_2 before it
            kafka.send(KafkaTopics.ALERTS, "ACK_2", alert("ACK_2", 2, AlertStatus.ACTIVE_UNACK, Severity.INFO, Instant.now()));
            await().atMost(PATIENCE).untilAsserted(() -> as(TestUsers.OPERATOR).post("/api/alerts/ACK_2:ANOMALY:2/clear")
                    .then().statusCode(202));
            final List<ConsumerRecord<String, byte[]>> all = await().atMost(PATIENCE)
                    .until(kafka::poll, records -> commandFor(records, "ACK_2:ANOMALY:2", AlertCommand.Action.CLEAR) != null);
            assertThat(all).filteredOn(r -> "ACK_2".equals(r.key())).hasSize(1);
        }
    }

    private static ConsumerRecord<String, byte[]> commandFor(final List<ConsumerRecord<String, byte[]>> records,
                                                            final String alertId, final AlertCommand.Action action) {
        for (final ConsumerRecord<String, byte[]> record : records) {
            final AlertCommand command = EventJson.fromJson(new String(record.value()), AlertCommand.class);
            if (command.alertId().equals(alertId) && command.action() == action) {
                return record;
            }
        }
        return null;
    }
}
