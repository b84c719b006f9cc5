package dev.pdm.iiot.detector.it;

import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.localstack.quarkus.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** The whole app on the real in-process broker: topology, interactive queries, commands, health, metrics. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(FreshStateDirectory.class)
class DetectorAppIT {

    private static final String M = "MACHINE_IT_1";

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void trainsScoresAlertsAndTakesCommandsOverRest() throws Exception {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);

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
                given().get("/machines/" + M).then().statusCode(200)
                        .body("status.machine_id", equalTo(M))
                        .body("status.model_version", equalTo(1))
                        .body("status.readings", equalTo(35))
                        .body("model.samples", equalTo(30))
                        .body("open_alert.status", equalTo("ACTIVE_UNACK"))
                        .body("open_alert.count", equalTo(5)));

        given().get("/machines").then().statusCode(200).body("machine_id", hasItem(M));
        final List<String> times = given().get("/machines/" + M + "/readings?last=5").then().statusCode(200)
                .extract().jsonPath().getList("reading.timestamp");
        org.assertj.core.api.Assertions.assertThat(times).hasSize(5).isSorted();

        final String alertId = M + ":ANOMALY:1";
        given().contentType(ContentType.JSON).body("{\"by\":\"it\"}").post("/alerts/" + alertId + "/ack")
                .then().statusCode(202).body("action", equalTo("ACK")).body("by", equalTo("it"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/alerts?status=ACTIVE_ACK").then().statusCode(200)
                        .body("alert_id", hasItem(alertId)).body("acknowledged_by", hasItem("it")));
        given().post("/alerts/" + M + ":ANOMALY:99/ack").then().statusCode(404);
        given().get("/machines/NO_SUCH_MACHINE").then().statusCode(404);
        given().get("/alerts?status=sideways").then().statusCode(400);

        given().post("/alerts/" + alertId + "/clear").then().statusCode(202);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/alerts/" + alertId).then().statusCode(200).body("status", equalTo("CLEARED")));
        given().post("/alerts/" + alertId + "/ack").then().statusCode(409);

        given().post("/machines/" + M + "/retrain").then().statusCode(202).body("action", equalTo("RETRAIN"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/machines/" + M).then().body("status.training_samples", equalTo(0))
                        .body("status.open_alert_id", org.hamcrest.Matchers.nullValue()));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("detector_readings_scored_total"))
                .body(containsString("detector_alerts_raised_total"))
                .body(containsString("detector_dlq_records_total{reason=\"NON_FINITE\"} 1.0"))
                .body(containsString("kafka_stream"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/machines/{id}/readings"));
        given().get("/q/health/live").then().statusCode(200).body("status", notNullValue());
    }
}
