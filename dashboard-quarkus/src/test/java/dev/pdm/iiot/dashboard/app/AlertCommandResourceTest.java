package dev.pdm.iiot.dashboard.app;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import dev.pdm.iiot.dashboard.support.TestUsers;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.support.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Ack and clear over the app's REST, as an operator: through the stand-in detector when it answers,
 * signed in there with the dashboard's service account and in the operator's name; when it does
 * not and Kafka is unreachable too (no broker here), the answer says the ack was not recorded.
 */
@QuarkusTest
@WithTestResource(StubDetectorResource.class)
class AlertCommandResourceTest {

    @Inject
    PlantView view;

    @Test
    void anAckIsPassedToTheDetectorInTheSignedInOperatorsName() {
        StubDetectorResource.stub().answer("POST /alerts/CMD_1:ANOMALY:1/ack", StubDetector.Answer.of(202,
                "{\"alert_id\":\"CMD_1:ANOMALY:1\",\"machine_id\":\"CMD_1\",\"action\":\"ACK\",\"by\":\"olga\","
                        + "\"at\":\"2025-11-21T21:30:00Z\"}"));

        // a name typed into the body or the query is not who acts
        as(TestUsers.OPERATOR).contentType(ContentType.JSON).body("{\"by\":\"mallory\"}").queryParam("by", "mallory")
                .post("/api/alerts/CMD_1:ANOMALY:1/ack")
                .then().statusCode(202)
                .body("result", equalTo("ACCEPTED"))
                .body("via", equalTo("detector"))
                .body("command.by", equalTo(TestUsers.OPERATOR));
        assertThat(StubDetectorResource.stub().requests)
                .filteredOn(r -> r.pathAndQuery().equals("/alerts/CMD_1:ANOMALY:1/ack"))
                .singleElement().satisfies(r -> {
                    assertThat(r.onBehalfOf()).isEqualTo(TestUsers.OPERATOR);
                    assertThat(r.authorization()).isEqualTo(TestUsers.serviceAuthorization());
                    assertThat(r.body()).doesNotContain("mallory");
                });
    }

    @Test
    void theDetectorsNotFoundAndConflictAreTheAnswer() {
        StubDetectorResource.stub().answer("POST /alerts/CMD_2:ANOMALY:1/clear", StubDetector.Answer.of(409, "{}"));

        as(TestUsers.OPERATOR).post("/api/alerts/CMD_2:ANOMALY:9/ack").then().statusCode(404)
                .body("result", equalTo("NOT_FOUND"));
        as(TestUsers.OPERATOR).post("/api/alerts/CMD_2:ANOMALY:1/clear").then().statusCode(409)
                .body("result", equalTo("CONFLICT"));
        as(TestUsers.OPERATOR).post("/api/alerts/not-an-id/ack").then().statusCode(400);
    }

    @Test
    void anAckThatCannotBeRecordedAnywhereIsAnErrorNotASilentLoss() {
        StubDetectorResource.stub().answer("POST /alerts/CMD_3:ANOMALY:1/ack", StubDetector.Answer.of(503, ""));
        view.applyAlert(alert("CMD_3", 1, AlertStatus.ACTIVE_UNACK, Severity.CRITICAL, Instant.now()));

        as(TestUsers.ENGINEER).post("/api/alerts/CMD_3:ANOMALY:1/ack")
                .then().statusCode(503)
                .body("result", equalTo("NOT_RECORDED"))
                .body("detail", containsString("not recorded"));
    }
}
