package dev.pdm.iiot.platform.security;

import dev.pdm.iiot.security.cli.Accounts;
import dev.pdm.iiot.security.credentials.Credential;
import dev.pdm.iiot.security.credentials.Credentials;
import dev.pdm.iiot.security.credentials.CredentialsFile;
import dev.pdm.iiot.security.credentials.PasswordHash;
import dev.pdm.iiot.security.tls.DevCertificates;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The secrets of docker compose, in one folder that is never committed. Each service gets an env file
 * with only its own secrets; compose reads them ({@code env_file}), so that no password is in a
 * committed file:
 * <ul>
 *   <li>{@value #KAFKA_ENV}: the broker's cluster id, its admin and controller passwords;</li>
 *   <li>{@value #KAFKA_PRINCIPALS_ENV}: the admin's and every service principal's SCRAM password, for the
 *       one-shot service that sets them and the ACLs;</li>
 *   <li>{@value #HIVEMQ_ENV}, {@value #CONNECT_ENV}, {@value #SIMULATOR_ENV}, {@value #DETECTOR_ENV},
 *       {@value #DASHBOARD_ENV}, {@value #KEYCLOAK_ENV}: one per service;</li>
 *   <li>{@value #MQTT_CREDENTIALS}: the broker's accounts (hashes): the simulator's gateway and the Connect
 *       worker;</li>
 *   <li>{@value #SERVICE_ACCOUNTS}: the detector's accounts besides OIDC (hashes): the dashboard;</li>
 *   <li>{@value #TLS}{@code /}: a development certificate authority and the brokers' certificate.</li>
 * </ul>
 * The folder is its owner's only; the files the containers mount are readable (the containers run
 * as users of their own), and hold hashes or password-protected stores only.
 */
public final class ComposeSecrets {

    public static final String KAFKA_ENV = "kafka.env";
    public static final String KAFKA_PRINCIPALS_ENV = "kafka-principals.env";
    public static final String HIVEMQ_ENV = "hivemq.env";
    public static final String CONNECT_ENV = "connect.env";
    public static final String SIMULATOR_ENV = "simulator.env";
    public static final String DETECTOR_ENV = "detector.env";
    public static final String DASHBOARD_ENV = "dashboard.env";
    public static final String KEYCLOAK_ENV = "keycloak.env";
    public static final String MQTT_CREDENTIALS = "mqtt-credentials";
    public static final String SERVICE_ACCOUNTS = "service-accounts";
    public static final String TLS = "tls";
    /** The Kafka principals of the services, as deploy/kafka/acls.conf names them. */
    public static final List<String> KAFKA_PRINCIPALS = List.of("detector", "dashboard", "bridge", "connect");
    /** The simulator's MQTT account in compose. */
    public static final String SIMULATOR = "compose-simulator";
    /** Names the brokers' certificate is good for besides localhost. */
    public static final List<String> BROKER_NAMES = List.of("hivemq", "hivemq-2");

    private ComposeSecrets() {
    }

    /** What {@link #ensure} did; the first sign-in password when it made Keycloak's secrets. */
    public record Outcome(List<Path> written, List<Path> kept, Optional<String> firstSignIn) {
        @Override
        public String toString() {
            return "Outcome[written=" + written + ", kept=" + kept + "]";
        }
    }

    /**
     * Makes every missing file; keeps the others as they are, but for those that hold a password of a
     * file made now (a missing credentials file gets new passwords, so the env files that hand them out
     * are made again).
     */
    public static Outcome ensure(final Path dir) {
        final List<Path> written = new ArrayList<>();
        final List<Path> kept = new ArrayList<>();
        final boolean newKeycloak = !Files.exists(dir.resolve(KEYCLOAK_ENV));
        try {
            Files.createDirectories(dir);
            permissions(dir, "rwx------");
            final boolean newKafka = !Files.exists(dir.resolve(KAFKA_ENV));
            final boolean newPrincipals = newKafka || !Files.exists(dir.resolve(KAFKA_PRINCIPALS_ENV));
            final boolean newMqtt = !Files.exists(dir.resolve(MQTT_CREDENTIALS));
            final boolean newServiceAccounts = !Files.exists(dir.resolve(SERVICE_ACCOUNTS));
            final boolean newTls = !Files.exists(dir.resolve(TLS).resolve(DevCertificates.KEYSTORE));
            remakeIf(newPrincipals, dir, KAFKA_PRINCIPALS_ENV, HIVEMQ_ENV, CONNECT_ENV, DETECTOR_ENV, DASHBOARD_ENV);
            remakeIf(newMqtt, dir, CONNECT_ENV, SIMULATOR_ENV);
            remakeIf(newKeycloak || newServiceAccounts, dir, DASHBOARD_ENV);
            remakeIf(newTls, dir, HIVEMQ_ENV);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        final Map<String, String> kafka = envOrNew(dir.resolve(KAFKA_ENV), written, kept, () -> Map.of(
                "KAFKA_CLUSTER_ID", Uuid.randomUuid().toString(),
                "KAFKA_ADMIN_PASSWORD", password(),
                "KAFKA_CONTROLLER_PASSWORD", password()));
        final Map<String, String> principals = envOrNew(dir.resolve(KAFKA_PRINCIPALS_ENV), written, kept, () -> {
            final Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_ADMIN_PASSWORD", kafka.get("KAFKA_ADMIN_PASSWORD"));
            KAFKA_PRINCIPALS.forEach(p -> env.put(principalVariable(p), password()));
            return env;
        });
        final String mqttConnect = password();
        final String mqttSimulator = password();
        credentialsOrNew(dir.resolve(MQTT_CREDENTIALS), written, kept, () -> List.of(
                account(SIMULATOR, Set.of("gateway"), mqttSimulator),
                account(PlatformSecurity.CONNECT, Set.of("connect"), mqttConnect)));
        final DevCertificates tls = DevCertificates.ensure(dir.resolve(TLS), BROKER_NAMES);
        permissions(tls.keystore(), "rw-r--r--");
        permissions(tls.truststore(), "rw-r--r--");
        permissions(dir.resolve(TLS), "rwxr-xr-x");
        envOrNew(dir.resolve(HIVEMQ_ENV), written, kept, () -> Map.of(
                "PDM_BRIDGE_PRODUCER_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "PDM_BRIDGE_PRODUCER_SASL_MECHANISM", "SCRAM-SHA-512",
                "PDM_BRIDGE_PRODUCER_SASL_JAAS_CONFIG", jaas("bridge", principals),
                "HIVEMQ_TLS_KEYSTORE_PASSWORD", tls.keystorePassword(),
                "HIVEMQ_TLS_TRUSTSTORE_PASSWORD", tls.truststorePassword()));
        envOrNew(dir.resolve(CONNECT_ENV), written, kept, () -> Map.of(
                "PDM_KAFKA_PASSWORD", principals.get(principalVariable("connect")),
                "PDM_MQTT_PASSWORD", mqttConnect));
        envOrNew(dir.resolve(SIMULATOR_ENV), written, kept, () -> Map.of("PDM_MQTT_PASSWORD", mqttSimulator));
        final Map<String, String> keycloak = envOrNew(dir.resolve(KEYCLOAK_ENV), written, kept, () -> Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", password(),
                "PDM_DASHBOARD_CLIENT_SECRET", password(),
                "PDM_DETECTOR_CLIENT_SECRET", password(),
                "PDM_ENGINEER_PASSWORD", password()));
        final String dashboardOnDetector = password();
        credentialsOrNew(dir.resolve(SERVICE_ACCOUNTS), written, kept, () -> List.of(
                account(PlatformSecurity.DASHBOARD, PlatformSecurity.DASHBOARD_ROLES, dashboardOnDetector)));
        envOrNew(dir.resolve(DETECTOR_ENV), written, kept, () -> kafkaClient("detector", principals));
        envOrNew(dir.resolve(DASHBOARD_ENV), written, kept, () -> {
            final Map<String, String> env = new LinkedHashMap<>(kafkaClient("dashboard", principals));
            env.put("QUARKUS_OIDC_CREDENTIALS_SECRET", keycloak.get("PDM_DASHBOARD_CLIENT_SECRET"));
            env.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", password() + password());
            env.put("DASHBOARD_DETECTOR_PASSWORD", dashboardOnDetector);
            return env;
        });
        return new Outcome(List.copyOf(written), List.copyOf(kept),
                newKeycloak ? Optional.of(keycloak.get("PDM_ENGINEER_PASSWORD")) : Optional.empty());
    }

    /** Deletes files that hold passwords of a file about to be made anew. */
    private static void remakeIf(final boolean condition, final Path dir, final String... files) throws IOException {
        if (condition) {
            for (final String file : files) {
                Files.deleteIfExists(dir.resolve(file));
            }
        }
    }

    private static void credentialsOrNew(final Path file, final List<Path> written, final List<Path> kept,
                                         final java.util.function.Supplier<List<Credential>> made) {
        if (Files.exists(file)) {
            kept.add(file);
            return;
        }
        CredentialsFile.write(file, Credentials.of(made.get()));
        permissions(file, "rw-r--r--");
        written.add(file);
    }

    static String principalVariable(final String principal) {
        return "KAFKA_" + principal.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD";
    }

    private static Map<String, String> kafkaClient(final String principal, final Map<String, String> principals) {
        final Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SASL_JAAS_CONFIG", jaas(principal, principals));
        return env;
    }

    private static String jaas(final String principal, final Map<String, String> principals) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + principals.get(principalVariable(principal)) + "\";";
    }

    private static Credential account(final String name, final Set<String> roles, final String password) {
        return new Credential(name, roles, PasswordHash.of(password.toCharArray()));
    }

    private static String password() {
        return new String(Accounts.generatePassword());
    }

    private static Map<String, String> envOrNew(final Path file, final List<Path> written, final List<Path> kept,
                                                final java.util.function.Supplier<Map<String, String>> made) {
        if (Files.exists(file)) {
            kept.add(file);
            return readEnv(file);
        }
        final Map<String, String> values = made.get();
        final StringBuilder text = new StringBuilder("# Made by ./run compose-secrets for docker compose; never commit it.\n");
        values.forEach((name, value) -> text.append(name).append("='").append(value).append("'\n"));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        permissions(file, "rw-------");
        written.add(file);
        return values;
    }

    /** An env file as compose reads the ones written here: {@code NAME='value'} lines. */
    public static Map<String, String> readEnv(final Path file) {
        final Map<String, String> values = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(line -> {
                final int eq = line.indexOf('=');
                String value = line.substring(eq + 1);
                if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(line.substring(0, eq), value);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }

    private static void permissions(final Path path, final String permissions) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set the permissions of " + path, e);
            }
        }
    }
}
