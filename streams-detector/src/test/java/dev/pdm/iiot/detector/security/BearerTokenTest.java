package dev.pdm.iiot.detector.security;

import dev.pdm.iiot.detector.testing.NoBroker;
import dev.pdm.iiot.detector.testing.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * With OIDC on, the detector verifies bearer tokens for real (signature, issuer, expiry against
 * the issuer's public key) and takes the roles from Keycloak's {@code realm_access/roles}; the
 * users file keeps working beside it for HTTP Basic (the dashboard's service account). Without a
 * broker, a call that passes answers 503.
 */
@QuarkusTest
@TestProfile(TestIssuer.class)
@WithTestResource(NoBroker.class)
@WithTestResource(TestUsers.class)
class BearerTokenTest {

    private static final String ALERT = "/alerts/PUMP_1:ANOMALY:1";

    @Test
    void aTokenWithRealmRolesIsTheCallerWithThoseRoles() {
        given().auth().oauth2(TestIssuer.token("kc-vera", "viewer")).get("/machines").then().statusCode(503);
        given().auth().oauth2(TestIssuer.token("kc-vera", "viewer")).post(ALERT + "/ack").then().statusCode(403);
        given().auth().oauth2(TestIssuer.token("kc-olga", "operator")).post(ALERT + "/ack").then().statusCode(503);
        given().auth().oauth2(TestIssuer.token("kc-olga", "operator")).post("/machines/PUMP_1/retrain")
                .then().statusCode(403);
        given().auth().oauth2(TestIssuer.token("kc-erik", "engineer")).post("/machines/PUMP_1/retrain")
                .then().statusCode(503);
        given().auth().oauth2(TestIssuer.token("kc-nobody")).get("/machines").then().statusCode(403);
    }

    @Test
    void aForgedOrExpiredTokenIsRefused() {
        given().auth().oauth2(TestIssuer.forgedToken("kc-erik", "engineer")).get("/machines").then().statusCode(401);
        given().auth().oauth2(TestIssuer.expiredToken("kc-erik", "engineer")).get("/machines").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/machines").then().statusCode(401);
        given().get("/machines").then().statusCode(401);
    }

    @Test
    void theUsersFileStillAuthenticatesBasicBesideOidc() {
        TestUsers.as(TestUsers.OPERATOR).get("/alerts").then().statusCode(503);
        TestUsers.as(TestUsers.OPERATOR).post("/machines/PUMP_1/retrain").then().statusCode(403);
        given().auth().preemptive().basic(TestUsers.OPERATOR, "wrong").get("/alerts").then().statusCode(401);
    }
}
