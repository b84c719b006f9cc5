package dev.pdm.iiot.dashboard.app;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import dev.pdm.iiot.dashboard.security.CsrfTokens;
import dev.pdm.iiot.dashboard.support.FakeOpenIdProvider;
import dev.pdm.iiot.dashboard.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.pdm.iiot.dashboard.support.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * With OIDC on, the page signs people in with the code flow of the provider, for real: the
 * dashboard redirects to the provider, exchanges the code it comes back with for tokens at the
 * provider's token endpoint, verifies them against the provider's published key and keeps them in
 * its session cookie; the user is the token's {@code preferred_username}, the roles its realm
 * roles. The provider is {@link FakeOpenIdProvider}; the test plays the browser. The users file
 * keeps working beside it for HTTP Basic.
 */
@QuarkusTest
@WithTestResource(StubDetectorResource.class)
@WithTestResource(FakeOpenIdProvider.class)
class OidcSignInTest {

    /** Signs in through the provider as the user with these realm roles; the session's cookies. */
    private static Map<String, String> signIn(final String user, final String... roles) {
        final Response toProvider = given().redirects().follow(false).get("/");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        final URI provider = URI.create(toProvider.header("Location"));
        assertThat(provider.getPath()).isEqualTo("/realms/pdm/protocol/openid-connect/auth");
        final Map<String, String> query = query(provider);
        assertThat(query).containsEntry("client_id", FakeOpenIdProvider.CLIENT_ID).containsEntry("response_type", "code");
        final Map<String, String> cookies = new HashMap<>(toProvider.cookies());

        final Response back = given().redirects().follow(false).cookies(cookies)
                .queryParam("code", user + (roles.length == 0 ? "" : "." + String.join(".", roles)))
                .queryParam("state", query.get("state"))
                .get(URI.create(query.get("redirect_uri")).getPath());
        assertThat(back.statusCode()).as("back from the provider: %s", back.asString()).isEqualTo(302);
        cookies.putAll(back.cookies());
        assertThat(cookies.keySet()).anyMatch(name -> name.startsWith("q_session"));
        return cookies;
    }

    private static Map<String, String> query(final URI uri) {
        final Map<String, String> values = new HashMap<>();
        for (final String pair : uri.getRawQuery().split("&")) {
            final int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void thePageLeadsToTheProviderAndTheApiAnswers401() {
        given().get("/api/statistics").then().statusCode(401);
        final Response answer = given().redirects().follow(false).get("/");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.header("Location")).contains("/realms/pdm/protocol/openid-connect/auth");
    }

    @Test
    void aSignedInOperatorHasTheTokensNameAndRealmRolesAndAcksInThatName() {
        StubDetectorResource.stub().answer("POST /alerts/OIDC_1:ANOMALY:1/ack", StubDetector.Answer.of(202, ""));
        final Map<String, String> session = signIn("kc-olga", "operator");

        given().cookies(session).get("/").then().statusCode(200);
        final Response me = given().cookies(session).get("/api/session");
        me.then().statusCode(200).body("user", equalTo("kc-olga")).body("roles", equalTo(List.of("operator", "viewer")));
        final String token = me.jsonPath().getString("csrf_token");

        given().cookies(session).post("/api/alerts/OIDC_1:ANOMALY:1/ack").then().statusCode(403);
        given().cookies(session).cookie(CsrfTokens.COOKIE, token).header(CsrfTokens.HEADER, token)
                .post("/api/alerts/OIDC_1:ANOMALY:1/ack").then().statusCode(202).body("command.by", equalTo("kc-olga"));
        assertThat(StubDetectorResource.stub().requests).filteredOn(r -> r.pathAndQuery().startsWith("/alerts/OIDC_1"))
                .singleElement().satisfies(r -> assertThat(r.onBehalfOf()).isEqualTo("kc-olga"));
    }

    @Test
    void aSignedInViewerMayNotAck() {
        final Map<String, String> session = signIn("kc-vera", "viewer");
        final String token = given().cookies(session).get("/api/session").then().statusCode(200)
                .body("roles", equalTo(List.of("viewer"))).extract().jsonPath().getString("csrf_token");

        given().cookies(session).cookie(CsrfTokens.COOKIE, token).header(CsrfTokens.HEADER, token)
                .post("/api/alerts/OIDC_2:ANOMALY:1/ack").then().statusCode(403);
    }

    @Test
    void theUsersFileStillSignsInScriptsWithBasic() {
        as(TestUsers.VIEWER).get("/api/session").then().statusCode(200).body("user", equalTo(TestUsers.VIEWER));
        as(TestUsers.VIEWER).get("/").then().statusCode(200);
    }
}
