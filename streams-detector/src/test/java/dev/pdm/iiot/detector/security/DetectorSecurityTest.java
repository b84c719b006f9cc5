package dev.pdm.iiot.detector.security;

import dev.pdm.iiot.detector.testing.NoBroker;
import dev.pdm.iiot.detector.testing.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;

/**
 * Who may call what, decided before any query (the app runs without a broker, so a call that
 * passes answers 503: the streams are not running): 401 without or with wrong credentials, 403
 * for a role too small, and health, metrics and OpenAPI on the management port without any.
 */
@QuarkusTest
@WithTestResource(NoBroker.class)
@WithTestResource(TestUsers.class)
class DetectorSecurityTest {

    private static final String ALERT = "/alerts/PUMP_1:ANOMALY:1";

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void everyPathRefusesACallerWithoutCredentials() {
        given().get("/machines").then().statusCode(401).header("WWW-Authenticate", containsStringIgnoringCase("basic realm"));
        given().get("/alerts").then().statusCode(401);
        given().get("/machines/PUMP_1/readings").then().statusCode(401);
        given().post(ALERT + "/ack").then().statusCode(401);
        given().post("/machines/PUMP_1/retrain").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(401);
        given().get("/anything-else").then().statusCode(401);
    }

    @Test
    void aWrongPasswordOrAnUnknownNameIsRefused() {
        given().auth().preemptive().basic(TestUsers.OPERATOR, "not-her-password").get("/alerts").then().statusCode(401);
        given().auth().preemptive().basic("mallory", "whatever").get("/alerts").then().statusCode(401);
    }

    @Test
    void aViewerReadsButMayNotAckClearOrRetrain() {
        TestUsers.as(TestUsers.VIEWER).get("/machines").then().statusCode(503);
        TestUsers.as(TestUsers.VIEWER).get("/alerts").then().statusCode(503);
        TestUsers.as(TestUsers.VIEWER).post(ALERT + "/ack").then().statusCode(403);
        TestUsers.as(TestUsers.VIEWER).post(ALERT + "/clear").then().statusCode(403);
        TestUsers.as(TestUsers.VIEWER).post("/machines/PUMP_1/retrain").then().statusCode(403);
    }

    @Test
    void anOperatorAcksAndClearsButMayNotRetrain() {
        TestUsers.as(TestUsers.OPERATOR).get("/alerts").then().statusCode(503);
        TestUsers.as(TestUsers.OPERATOR).post(ALERT + "/ack").then().statusCode(503);
        TestUsers.as(TestUsers.OPERATOR).post(ALERT + "/clear").then().statusCode(503);
        TestUsers.as(TestUsers.OPERATOR).post("/machines/PUMP_1/retrain").then().statusCode(403);
    }

    @Test
    void anEngineerMayDoAllOfItAndAnAccountWithoutRolesNothing() {
        TestUsers.as(TestUsers.ENGINEER).get("/machines").then().statusCode(503);
        TestUsers.as(TestUsers.ENGINEER).post(ALERT + "/ack").then().statusCode(503);
        TestUsers.as(TestUsers.ENGINEER).post("/machines/PUMP_1/retrain").then().statusCode(503);
        TestUsers.as(TestUsers.NOBODY).get("/machines").then().statusCode(403);
    }

    @Test
    void healthMetricsAndOpenApiAnswerOnTheManagementPortWithoutCredentials() {
        // no broker: the streams are not running, and the readiness says so (to anyone)
        given().get(management.resolve("/q/health/ready")).then().statusCode(503)
                .body("status", equalTo("DOWN")).body(containsString("detector-streams-running"));
        given().get(management.resolve("/q/metrics")).then().statusCode(200).body(containsString("jvm_"));
        given().get(management.resolve("/q/openapi")).then().statusCode(200)
                .body(containsString("/machines/{id}/retrain")).body(containsString("X-On-Behalf-Of"));
    }
}
