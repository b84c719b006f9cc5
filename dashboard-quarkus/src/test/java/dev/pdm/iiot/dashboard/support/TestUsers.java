package dev.pdm.iiot.dashboard.support;

import dev.pdm.iiot.security.credentials.Credential;
import dev.pdm.iiot.security.credentials.Credentials;
import dev.pdm.iiot.security.credentials.CredentialsFile;
import dev.pdm.iiot.security.credentials.PasswordHash;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sign-in settings of the app under test: a users file hashed with the fewest iterations the
 * store accepts (a check costs milliseconds), holding a viewer, an operator and an engineer, each
 * with the password {@link #password(String)}; a session key; and the dashboard's service account
 * at the detector. The test resources add {@link #properties()} to theirs.
 */
public final class TestUsers {

    public static final String VIEWER = "vera";
    public static final String OPERATOR = "olga";
    public static final String ENGINEER = "erik";
    /** Signed in, but with none of the page's roles (a service's role): every {@code /api} path is 403. */
    public static final String NO_VIEWER = "dora";
    /** The dashboard's account at the detector: what a stand-in detector sees. */
    public static final String SERVICE_ACCOUNT = "dashboard";
    public static final String SERVICE_PASSWORD = "dashboard-service-test-password";

    private static final Map<String, Set<String>> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put(VIEWER, Set.of("viewer"));
        ROLES.put(OPERATOR, Set.of("operator"));
        ROLES.put(ENGINEER, Set.of("engineer"));
        ROLES.put(NO_VIEWER, Set.of("delegate"));
    }

    private TestUsers() {
    }

    public static String password(final String user) {
        return user + "-test-password";
    }

    /** {@code Basic …} of the user. */
    public static String authorization(final String user) {
        return basic(user, password(user));
    }

    /** {@code Basic …} of the service account, as the stand-in detector receives it. */
    public static String serviceAuthorization() {
        return basic(SERVICE_ACCOUNT, SERVICE_PASSWORD);
    }

    /** A RestAssured request that authenticates as the user with HTTP Basic. */
    public static RequestSpecification as(final String user) {
        return RestAssured.given().auth().preemptive().basic(user, password(user));
    }

    /** The settings: the users file (written now), the session key, the service account. */
    public static Map<String, String> properties() {
        try {
            final Path file = Files.createTempDirectory("dashboard-users-").resolve("users");
            final List<Credential> accounts = new ArrayList<>();
            ROLES.forEach((name, roles) -> accounts.add(new Credential(name, roles,
                    PasswordHash.of(password(name).toCharArray(), PasswordHash.MIN_ITERATIONS))));
            CredentialsFile.write(file, Credentials.of(accounts));
            return Map.of(
                    "pdm.security.users-file", file.toString(),
                    "quarkus.http.auth.session.encryption-key", "a-session-key-of-the-tests-only-0123456789",
                    "dashboard.detector.username", SERVICE_ACCOUNT,
                    "dashboard.detector.password", SERVICE_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ':' + password).getBytes(StandardCharsets.UTF_8));
    }
}
