package dev.pdm.iiot.dashboard.app;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import dev.pdm.iiot.dashboard.security.CsrfTokens;
import dev.pdm.iiot.dashboard.support.ClientModel;
import dev.pdm.iiot.dashboard.support.TestUsers;
import dev.pdm.iiot.dashboard.ws.PlantSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static dev.pdm.iiot.dashboard.support.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Signing in, out and what a session may do, against the running app (no broker): the page leads
 * to the login form, API calls without credentials get 401, a viewer may not ack, a session's POST
 * needs its CSRF token (a Basic-authenticated script does not), the WebSocket refuses an upgrade
 * that is not signed in, and health answers on the management port without credentials.
 */
@QuarkusTest
@WithTestResource(StubDetectorResource.class)
class DashboardSecurityTest {

    private static final String SESSION = "quarkus-credential";

    @TestHTTPResource("/")
    URI base;

    @TestHTTPResource(value = "/", management = true)
    URI management;

    /** Signs in through the login form; the session cookie's value. */
    private static String signIn(final String user) {
        final Response answer = given().redirects().follow(false)
                .formParam("j_username", user).formParam("j_password", TestUsers.password(user))
                .post("/j_security_check");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("/");
        final List<String> cookies = answer.headers().getValues("Set-Cookie");
        assertThat(cookies).filteredOn(c -> c.startsWith(SESSION + "=")).singleElement().satisfies(c ->
                assertThat(c).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
        return answer.cookie(SESSION);
    }

    @Test
    void withoutCredentialsTheApiAnswers401AndThePageLeadsToTheLogin() {
        given().get("/api/statistics").then().statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic realm"));
        // the page's own requests: no challenge header, so no password dialog of the browser
        given().header("X-Requested-With", "XMLHttpRequest").get("/api/statistics").then().statusCode(401)
                .header("WWW-Authenticate", nullValue());
        given().post("/api/alerts/SEC_1:ANOMALY:1/ack").then().statusCode(401);
        given().redirects().follow(false).get("/").then().statusCode(302)
                .header("Location", endsWith("/login.html"));
        given().redirects().follow(false).get("/index.html").then().statusCode(302)
                .header("Location", endsWith("/login.html"));
        given().get("/login.html").then().statusCode(200).body(containsString("j_security_check"))
                .body(containsString("j_password"));
        given().get("/app.css").then().statusCode(200);
    }

    @Test
    void aWrongPasswordGoesBackToTheLoginSayingSo() {
        given().redirects().follow(false).formParam("j_username", TestUsers.OPERATOR)
                .formParam("j_password", "not-her-password").post("/j_security_check")
                .then().statusCode(302).header("Location", endsWith("/login.html?failed"))
                .extract().headers().getValues("Set-Cookie").forEach(c -> assertThat(c).doesNotStartWith(SESSION + "="));
        given().auth().preemptive().basic(TestUsers.OPERATOR, "wrong").get("/api/statistics").then().statusCode(401);
    }

    @Test
    void aSignedInUserGetsThePageAndTheirSession() {
        final String session = signIn(TestUsers.OPERATOR);

        given().cookie(SESSION, session).get("/").then().statusCode(200).body(containsString("Plant view"))
                .body(containsString("Sign out"));
        final Response answer = given().cookie(SESSION, session).get("/api/session");
        answer.then().statusCode(200).body("user", equalTo(TestUsers.OPERATOR))
                .body("roles", equalTo(List.of("operator", "viewer")));
        assertThat(answer.headers().getValues("Set-Cookie")).filteredOn(c -> c.startsWith(CsrfTokens.COOKIE + "="))
                .singleElement().satisfies(c -> assertThat(c).containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Strict"));
        assertThat(answer.cookie(CsrfTokens.COOKIE)).isEqualTo(answer.jsonPath().getString("csrf_token"));
        as(TestUsers.ENGINEER).get("/api/session").then().body("roles", equalTo(List.of("engineer", "operator", "viewer")));
    }

    @Test
    void aViewerMayLookButNotAck() {
        as(TestUsers.VIEWER).get("/api/alerts").then().statusCode(200);
        as(TestUsers.VIEWER).post("/api/alerts/SEC_1:ANOMALY:1/ack").then().statusCode(403);
        as(TestUsers.VIEWER).post("/api/alerts/SEC_1:ANOMALY:1/clear").then().statusCode(403);
        assertThat(StubDetectorResource.stub().requests).noneMatch(r -> r.pathAndQuery().startsWith("/alerts/SEC_1"));
    }

    @Test
    void aSessionsAckNeedsItsCsrfTokenAndAScriptsDoesNot() {
        StubDetectorResource.stub().answer("POST /alerts/SEC_2:ANOMALY:1/ack", StubDetector.Answer.of(202, ""));
        final String session = signIn(TestUsers.OPERATOR);
        final String token = given().cookie(SESSION, session).get("/api/session").jsonPath().getString("csrf_token");

        given().cookie(SESSION, session).post("/api/alerts/SEC_2:ANOMALY:1/ack").then().statusCode(403)
                .body("error", containsString(CsrfTokens.HEADER));
        given().cookie(SESSION, session).cookie(CsrfTokens.COOKIE, token).header(CsrfTokens.HEADER, CsrfTokens.newToken())
                .post("/api/alerts/SEC_2:ANOMALY:1/ack").then().statusCode(403);
        given().cookie(SESSION, session).header(CsrfTokens.HEADER, token)
                .post("/api/alerts/SEC_2:ANOMALY:1/ack").then().statusCode(403);
        assertThat(StubDetectorResource.stub().requests).noneMatch(r -> r.pathAndQuery().startsWith("/alerts/SEC_2"));

        given().cookie(SESSION, session).cookie(CsrfTokens.COOKIE, token).header(CsrfTokens.HEADER, token)
                .post("/api/alerts/SEC_2:ANOMALY:1/ack").then().statusCode(202).body("command.by", equalTo(TestUsers.OPERATOR));
        as(TestUsers.OPERATOR).post("/api/alerts/SEC_2:ANOMALY:1/ack").then().statusCode(202);
        // Basic credentials a browser remembers, sent for another site's page: a session again
        as(TestUsers.OPERATOR).header("Sec-Fetch-Site", "cross-site").post("/api/alerts/SEC_2:ANOMALY:1/ack")
                .then().statusCode(403);
    }

    @Test
    void signingOutEndsTheSession() {
        final String session = signIn(TestUsers.VIEWER);

        final Response out = given().redirects().follow(false).cookie(SESSION, session).get("/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/login.html?signed-out");
        assertThat(out.headers().getValues("Set-Cookie")).anySatisfy(c ->
                assertThat(c).startsWith(SESSION + "=;").containsIgnoringCase("Max-Age=0"));
    }

    @Test
    void theWebSocketRefusesAnUpgradeThatIsNotSignedInAndServesASession() {
        assertThatThrownBy(() -> BasicWebSocketConnector.create().baseUri(base).path(PlantSocket.PATH)
                .connectAndAwait()).hasStackTraceContaining("401");
        assertThatThrownBy(() -> BasicWebSocketConnector.create().baseUri(base).path(PlantSocket.PATH)
                .addHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "olga:wrong".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .connectAndAwait()).hasStackTraceContaining("401");

        final ClientModel client = new ClientModel();
        final WebSocketClientConnection connection = BasicWebSocketConnector.create().baseUri(base)
                .path(PlantSocket.PATH).addHeader("Cookie", SESSION + "=" + signIn(TestUsers.VIEWER))
                .onTextMessage((c, text) -> client.accept(text)).connectAndAwait();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !client.messages.isEmpty());
            assertThat(client.messagesCopy().get(0).path("type").asText()).isEqualTo("snapshot");
        } finally {
            connection.closeAndAwait();
        }
    }

    @Test
    void healthAnswersOnTheManagementPortWithoutCredentialsAndNotOnThePagesPort() {
        given().get(management.resolve("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(401);
    }
}
