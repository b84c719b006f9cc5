package dev.pdm.iiot.dashboard.app;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import dev.pdm.iiot.dashboard.support.TestUsers;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.Severity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.Fixtures.degradation;
import static dev.pdm.iiot.dashboard.Fixtures.temperatureTrend;
import static dev.pdm.iiot.dashboard.Fixtures.withHealth;
import static dev.pdm.iiot.dashboard.Fixtures.normal;
import static dev.pdm.iiot.dashboard.Fixtures.scored;
import static dev.pdm.iiot.dashboard.support.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/** The prototype's REST endpoints and ours, on the running app with a view filled directly. */
@QuarkusTest
@WithTestResource(StubDetectorResource.class)
class PlantResourceTest {

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    PlantView view;

    @Test
    void statisticsKeepThePrototypesFields() {
        view.applyStatus("REST_1", scored("REST_1", MachineState.ANOMALY, 0.8, 120, "REST_1:ANOMALY:1"), Instant.now());

        as(TestUsers.VIEWER).get("/api/statistics").then().statusCode(200)
                .body("total_readings", greaterThanOrEqualTo(120))
                .body("anomalies_detected", greaterThanOrEqualTo(1))
                .body("active_machines", greaterThanOrEqualTo(1))
                .body("$", hasKey("readings_per_second"))
                .body("$", hasKey("dlq_records"))
                .body("kafka.status", notNullValue())
                .body("detector.url", containsString("127.0.0.1"));
    }

    @Test
    void machinesListsEveryMachineWithItsStateAndLastReading() {
        view.applyStatus("REST_2", scored("REST_2", MachineState.ANOMALY, 0.9, 50, "REST_2:ANOMALY:1"), Instant.now());
        view.applyStatus("REST_3", normal("REST_3", 80, 64.5), Instant.now());
        view.applyStatus("REST_3", normal("REST_3", 81, 64.75), Instant.now());

        as(TestUsers.VIEWER).get("/api/machines").then().statusCode(200)
                .body("find { it.machine_id == 'REST_2' }.state", equalTo("ANOMALY"))
                .body("find { it.machine_id == 'REST_2' }.model_version", equalTo(1))
                .body("find { it.machine_id == 'REST_2' }.last_reading.temperature", equalTo(70.0f))
                .body("find { it.machine_id == 'REST_3' }.state", equalTo("NORMAL"))
                .body("find { it.machine_id == 'REST_3' }.readings", equalTo(81))
                .body("find { it.machine_id == 'REST_3' }.last_reading.temperature", equalTo(64.75f));
        as(TestUsers.VIEWER).get("/api/machines/REST_2").then().statusCode(200)
                .body("machine.open_alert_id", equalTo("REST_2:ANOMALY:1"));
        as(TestUsers.VIEWER).get("/api/machines/NOPE").then().statusCode(404);
    }

    @Test
    void alertsAreTheLastTwentyInThePrototypesFieldsAndCanBeFiltered() {
        for (int n = 1; n <= 25; n++) {
            view.applyAlert(alert("REST_A", n, n == 25 ? AlertStatus.ACTIVE_UNACK : AlertStatus.CLEARED,
                    n % 2 == 0 ? Severity.WARNING : Severity.CRITICAL, Instant.now().plusSeconds(n)));
        }

        as(TestUsers.VIEWER).get("/api/alerts").then().statusCode(200)
                .body("size()", equalTo(20))
                .body("[19].alert_id", equalTo("REST_A:ANOMALY:25"))
                .body("[19].machine_id", equalTo("REST_A"))
                .body("[19].anomaly_score", equalTo(-0.71f))
                .body("[19].metrics.temperature", equalTo(82.4f))
                .body("[19].severity", equalTo("CRITICAL"))
                .body("[19].recommendation", containsString("Schedule inspection"))
                .body("[19]", hasKey("timestamp"));
        as(TestUsers.VIEWER).queryParam("status", "open").queryParam("severity", "CRITICAL").get("/api/alerts").then()
                .statusCode(200)
                .body("alert_id", hasItem("REST_A:ANOMALY:25"))
                .body("status", everyItem(containsString("ACTIVE")));
        as(TestUsers.VIEWER).queryParam("limit", 3).get("/api/alerts").then().body("size()", lessThanOrEqualTo(3));
        as(TestUsers.VIEWER).queryParam("status", "BROKEN").get("/api/alerts").then().statusCode(400);
    }

    @Test
    void machinesCarryTheirHealthAndOpenAlertsBesideThePrototypesFields() {
        view.applyStatus("REST_H1", withHealth("REST_H1", MachineState.NORMAL, 0.41, 300, Health.ALERT,
                Map.of("DEGRADATION", "REST_H1:DEGRADATION:1")), Instant.now());
        view.applyAlert(degradation("REST_H1", 1, Instant.now(), temperatureTrend()));
        view.applyStatus("REST_H2", scored("REST_H2", MachineState.ANOMALY, 0.74, 300, null), Instant.now());

        final String h1 = "find { it.machine_id == 'REST_H1' }";
        final String h2 = "find { it.machine_id == 'REST_H2' }";
        io.restassured.response.ValidatableResponse machines = as(TestUsers.VIEWER).get("/api/machines").then().statusCode(200);
        for (final String field : new String[] {"machine_id", "state", "training_samples", "training_target",
                "model_version", "last_reading", "last_score", "threshold", "readings", "anomalies", "last_seen",
                "health", "open_alerts"}) {
            machines = machines.body(h1, hasKey(field));
        }
        machines.body(h1 + ".health", equalTo("ALERT"))
                .body(h1 + ".state", equalTo("NORMAL"))
                .body(h1 + ".last_score", equalTo(0.41f))
                .body(h1 + ".open_alert_id", equalTo("REST_H1:DEGRADATION:1"))
                .body(h1 + ".open_alerts.DEGRADATION", equalTo("REST_H1:DEGRADATION:1"))
                .body(h2 + ".health", equalTo("WATCH"))
                .body(h2 + ".state", equalTo("ANOMALY"))
                .body(h2 + ".open_alerts.size()", equalTo(0));
        as(TestUsers.VIEWER).get("/api/machines/REST_H1").then().statusCode(200)
                .body("machine.health", equalTo("ALERT"))
                .body("open_alert.type", equalTo("DEGRADATION"))
                .body("open_alerts[0].alert_id", equalTo("REST_H1:DEGRADATION:1"))
                .body("open_alerts[0].trends[0].sensor", equalTo("temperature"))
                .body("open_alerts[0].trends[0].hours_to_limit", equalTo(14.0f))
                .body("open_alerts[0].trends[0].hours_to_limit_low", equalTo(9.0f))
                .body("open_alerts[0].trends[0].limit", equalTo(90.0f));
        as(TestUsers.VIEWER).get("/api/machines/REST_H2").then().statusCode(200)
                .body("machine.health", equalTo("WATCH"))
                .body("$", hasKey("open_alert"))
                .body("open_alerts.size()", equalTo(0));
        as(TestUsers.VIEWER).queryParam("status", "open").get("/api/alerts").then().statusCode(200)
                .body("find { it.alert_id == 'REST_H1:DEGRADATION:1' }.type", equalTo("DEGRADATION"))
                .body("find { it.alert_id == 'REST_H1:DEGRADATION:1' }.anomaly_score", equalTo(0.0f))
                .body("find { it.alert_id == 'REST_H1:DEGRADATION:1' }.trends[0].rate_per_hour", equalTo(0.8f))
                .body("find { it.alert_id == 'REST_H1:DEGRADATION:1' }", org.hamcrest.Matchers.not(hasKey("score")));
    }

    @Test
    void statisticsCountMachinesByHealthAndOpenAlertsByTypeAndKeepEveryEarlierField() {
        view.applyStatus("REST_S1", withHealth("REST_S1", MachineState.NORMAL, 0.41, 30, Health.ALERT,
                Map.of("DEGRADATION", "REST_S1:DEGRADATION:1")), Instant.now());
        view.applyAlert(degradation("REST_S1", 1, Instant.now(), temperatureTrend()));
        view.applyStatus("REST_S2", scored("REST_S2", MachineState.ANOMALY, 0.74, 30, null), Instant.now());

        io.restassured.response.ValidatableResponse statistics = as(TestUsers.VIEWER).get("/api/statistics").then().statusCode(200);
        for (final String field : new String[] {"total_readings", "anomalies_detected", "active_machines", "machines",
                "training", "normal", "anomaly", "readings_per_second", "dlq_records", "dlq_by_reason", "open_alerts",
                "unacknowledged_alerts", "kafka", "detector", "websocket", "heap", "generated_at",
                "machines_by_health", "open_alerts_by_type"}) {
            statistics = statistics.body("$", hasKey(field));
        }
        statistics.body("machines_by_health.keySet()", org.hamcrest.Matchers.contains("LEARNING", "OK", "WATCH", "ALERT"))
                .body("machines_by_health.ALERT", greaterThanOrEqualTo(1))
                .body("machines_by_health.WATCH", greaterThanOrEqualTo(1))
                .body("open_alerts_by_type.DEGRADATION", greaterThanOrEqualTo(1));
        as(TestUsers.VIEWER).get("/api/data").then().statusCode(200)
                .body("statistics", hasKey("machines_by_health"))
                .body("machines.REST_S1.machine_id", equalTo("REST_S1"));
    }

    @Test
    void dataHoldsLatestReadingsAlertsAndStatistics() {
        view.applyStatus("REST_4", normal("REST_4", 12, 66.6), Instant.now());

        as(TestUsers.VIEWER).get("/api/data").then().statusCode(200)
                .body("machines.REST_4.temperature", equalTo(66.6f))
                .body("machines.REST_4.machine_id", equalTo("REST_4"))
                .body("$", hasKey("alerts"))
                .body("statistics", hasKey("total_readings"));
    }

    @Test
    void thePageAndChartJsAreServedWithoutACdn() {
        as(TestUsers.VIEWER).get("/").then().statusCode(200)
                .body(containsString("/webjars/chart.js/dist/chart.umd.js"))
                .body(org.hamcrest.Matchers.not(containsString("cdn")));
        as(TestUsers.VIEWER).get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200)
                .body(containsString("Chart"));
        as(TestUsers.VIEWER).get("/app.js").then().statusCode(200);
    }

    @Test
    void chartHistoryComesFromTheDetectorAndItsFailureIsA503() {
        StubDetectorResource.stub().answer("GET /machines/HIST_1/readings?last=3", StubDetector.Answer.of(200, """
                [{"reading":{"machine_id":"HIST_1","timestamp":"2025-11-21T21:28:03Z","temperature":65.1},"score":0.41,
                  "threshold":0.58,"anomaly":false,"model_version":1}]"""));
        StubDetectorResource.stub().answer("GET /machines/HIST_2/readings?last=120", StubDetector.Answer.of(500, ""));

        as(TestUsers.VIEWER).queryParam("last", 3).get("/api/machines/HIST_1/readings").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].reading.temperature", equalTo(65.1f))
                .body("[0].score", equalTo(0.41f));
        as(TestUsers.VIEWER).get("/api/machines/HIST_2/readings").then().statusCode(503)
                .body("error", containsString("500"));
        as(TestUsers.VIEWER).get("/api/machines/bad id/readings").then().statusCode(400);
    }

    @Test
    void livenessIsServedOnTheManagementPortWithoutCredentials() {
        given().get(management.resolve("/q/health/live")).then().statusCode(200);
    }
}
