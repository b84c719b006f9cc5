package dev.pdm.iiot.detector.it;

import dev.pdm.iiot.detector.security.Actor;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.detector.testing.TestUsers;
import dev.pdm.iiot.localstack.quarkus.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pdm.iiot.detector.testing.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The whole app on the real in-process broker: topology, interactive queries, commands recorded
 * with the authenticated caller (or the user the dashboard's service account names), roles, and
 * health and metrics on the management port without credentials.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(FreshStateDirectory.class)
@WithTestResource(TestUsers.class)
class DetectorAppIT {

    private static final String M = "MACHINE_IT_1";

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void trainsScoresAlertsAndTakesCommandsOverRest() throws Exception {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get(management.resolve("/q/health/ready")).statusCode() == 200);

        final String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        final Readings readings = new Readings(M, 21);
        try (TelemetryProducer producer = new TelemetryProducer(servers)) {
            for (int i = 0; i < 30; i++) {
                producer.send(readings.healthy());
            }
            for (int i = 0; i < 5; i++) {
                producer.send(readings.spike());
            }
            producer.sendRaw(M, ("{\"machine_id\":\"" + M + "\",\"timestamp\":\"" + Instant.now()
                    + "\",\"temperature\":NaN,\"vibration\":2,\"current\":10,\"pressure\":6,\"rpm\":1500}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(TestUsers.VIEWER).get("/machines/" + M).then().statusCode(200)
                        .body("status.machine_id", equalTo(M))
                        .body("status.model_version", equalTo(1))
                        .body("status.readings", equalTo(35))
                        .body("model.samples", equalTo(30))
                        .body("open_alert.status", equalTo("ACTIVE_UNACK"))
                        .body("open_alert.count", equalTo(5)));

        as(TestUsers.VIEWER).get("/machines").then().statusCode(200).body("machine_id", hasItem(M));
        final List<String> times = as(TestUsers.VIEWER).get("/machines/" + M + "/readings?last=5").then().statusCode(200)
                .extract().jsonPath().getList("reading.timestamp");
        org.assertj.core.api.Assertions.assertThat(times).hasSize(5).isSorted();

        // an ack is the caller's: a typed "by" and a header naming somebody else are ignored from a non-delegate
        final String alertId = M + ":ANOMALY:1";
        given().post("/alerts/" + alertId + "/ack").then().statusCode(401);
        as(TestUsers.VIEWER).post("/alerts/" + alertId + "/ack").then().statusCode(403);
        as(TestUsers.OPERATOR).contentType(ContentType.JSON).body("{\"by\":\"mallory\"}")
                .header(Actor.ON_BEHALF_OF, "mallory").post("/alerts/" + alertId + "/ack")
                .then().statusCode(202).body("action", equalTo("ACK")).body("by", equalTo(TestUsers.OPERATOR));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                as(TestUsers.VIEWER).get("/alerts?status=ACTIVE_ACK").then().statusCode(200)
                        .body("alert_id", hasItem(alertId)).body("acknowledged_by", hasItem(TestUsers.OPERATOR)));
        as(TestUsers.OPERATOR).post("/alerts/" + M + ":ANOMALY:99/ack").then().statusCode(404);
        as(TestUsers.VIEWER).get("/machines/NO_SUCH_MACHINE").then().statusCode(404);
        as(TestUsers.VIEWER).get("/alerts?status=sideways").then().statusCode(400);

        // the dashboard's service account (role delegate) clears on behalf of its signed-in user
        as(TestUsers.DASHBOARD).header(Actor.ON_BEHALF_OF, "maria").post("/alerts/" + alertId + "/clear")
                .then().statusCode(202).body("by", equalTo("maria"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                as(TestUsers.VIEWER).get("/alerts/" + alertId).then().statusCode(200)
                        .body("status", equalTo("CLEARED")).body("cleared_by", equalTo("maria")));
        as(TestUsers.OPERATOR).post("/alerts/" + alertId + "/ack").then().statusCode(409);

        as(TestUsers.OPERATOR).post("/machines/" + M + "/retrain").then().statusCode(403);
        as(TestUsers.ENGINEER).post("/machines/" + M + "/retrain").then().statusCode(202)
                .body("action", equalTo("RETRAIN")).body("by", equalTo(TestUsers.ENGINEER));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                as(TestUsers.VIEWER).get("/machines/" + M).then().body("status.training_samples", equalTo(0))
                        .body("status.open_alert_id", org.hamcrest.Matchers.nullValue()));

        // probes and Prometheus need no credentials, on the management port only
        given().get("/q/metrics").then().statusCode(401);
        given().get(management.resolve("/q/metrics")).then().statusCode(200)
                .body(containsString("detector_readings_scored_total"))
                .body(containsString("detector_alerts_raised_total"))
                .body(containsString("detector_dlq_records_total{reason=\"NON_FINITE\"} 1.0"))
                .body(containsString("kafka_stream"));
        given().get(management.resolve("/q/openapi")).then().statusCode(200)
                .body(containsString("/machines/{id}/readings"));
        given().get(management.resolve("/q/health/live")).then().statusCode(200).body("status", notNullValue());
    }
}
