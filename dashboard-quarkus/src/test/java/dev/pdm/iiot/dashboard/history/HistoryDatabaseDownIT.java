package dev.pdm.iiot.dashboard.history;

import dev.pdm.iiot.dashboard.app.StubDetectorResource;
import dev.pdm.iiot.dashboard.support.TestUsers;
import dev.pdm.iiot.localstack.postgres.PostgresServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static dev.pdm.iiot.dashboard.support.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * With the history database stopped the app keeps serving the live view, and its readiness does not
 * depend on the database; the
 * history endpoints answer 503 with a message and a Retry-After, and answer again once the
 * database is back.
 */
@QuarkusTest
@WithTestResource(StubDetectorResource.class)
@WithTestResource(HistoryDatabaseResource.class)
class HistoryDatabaseDownIT {

    private static final List<String> HISTORY = List.of("/api/machines/DOWN_1/history", "/api/alerts/history",
            "/api/alerts/history?format=csv", "/api/reports/fleet");

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @AfterEach
    void startAgain() {
        HistoryDatabaseResource.server().start();
    }

    @Test
    void historyAnswers503WhileTheDatabaseIsDownAndTheLiveViewStaysUp() {
        final PostgresServer db = HistoryDatabaseResource.server();
        as(TestUsers.VIEWER).get("/api/alerts/history").then().statusCode(200);

        db.stop();

        for (final String path : HISTORY) {
            as(TestUsers.VIEWER).get(path).then().statusCode(503)
                    .contentType(containsString("application/json"))
                    .header("Retry-After", "30")
                    .body("error", containsString("history unavailable: the history database does not answer"));
        }
        as(TestUsers.VIEWER).get("/api/statistics").then().statusCode(200);
        // readiness does not include the database (here it is down for Kafka, which these tests do not run)
        given().get(management.resolve("/q/health/ready")).then()
                .body("checks.name", not(hasItem(containsStringIgnoringCase("database"))));
        given().get(management.resolve("/q/health/well")).then().statusCode(503)
                .body("checks.find { it.name == 'history database' }.status", equalTo("DOWN"));

        db.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(TestUsers.VIEWER).get("/api/alerts/history").then().statusCode(200));
        given().get(management.resolve("/q/health/well")).then().statusCode(200);
    }
}
