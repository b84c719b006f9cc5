package dev.pdm.iiot.detector.testing;

import dev.pdm.iiot.security.credentials.Credential;
import dev.pdm.iiot.security.credentials.Credentials;
import dev.pdm.iiot.security.credentials.CredentialsFile;
import dev.pdm.iiot.security.credentials.PasswordHash;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
 * A users file for the app under test, hashed with the fewest iterations the store accepts (a
 * check costs milliseconds, not a fifth of a second): a viewer, an operator, an engineer and the
 * dashboard's service account (delegate), each with the password {@link #password(String)}.
 * {@code @WithTestResource(TestUsers.class)} points {@code pdm.security.users-file} at it.
 */
public final class TestUsers implements QuarkusTestResourceLifecycleManager {

    public static final String VIEWER = "vera";
    public static final String OPERATOR = "olga";
    public static final String ENGINEER = "erik";
    public static final String DASHBOARD = "dashboard";
    public static final String NOBODY = "nora";

    private static final Map<String, Set<String>> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put(VIEWER, Set.of("viewer"));
        ROLES.put(OPERATOR, Set.of("operator"));
        ROLES.put(ENGINEER, Set.of("engineer"));
        ROLES.put(DASHBOARD, Set.of("delegate", "operator"));
        ROLES.put(NOBODY, Set.of());
    }

    public static String password(final String user) {
        return user + "-test-password";
    }

    /** {@code Basic …} of the user. */
    public static String authorization(final String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ':' + password(user))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A RestAssured request that authenticates as the user. */
    public static RequestSpecification as(final String user) {
        return RestAssured.given().auth().preemptive().basic(user, password(user));
    }

    /** Writes the file. */
    public static Path write(final Path file) {
        final List<Credential> accounts = new ArrayList<>();
        ROLES.forEach((name, roles) -> accounts.add(new Credential(name, roles,
                PasswordHash.of(password(name).toCharArray(), PasswordHash.MIN_ITERATIONS))));
        CredentialsFile.write(file, Credentials.of(accounts));
        return file;
    }

    @Override
    public Map<String, String> start() {
        try {
            final Path file = write(Files.createTempDirectory("detector-users-").resolve("users"));
            return Map.of("pdm.security.users-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // a temporary file; the OS cleans it
    }
}
