package dev.pdm.iiot.platform.security;

import dev.pdm.iiot.security.cli.Accounts;
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
import java.util.Locale;
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
 *   <li>{@value #POSTGRES_ENV}: the database server's superuser password; {@value #POSTGRES_ROLES_ENV}: it
 *       and every role's password, for the one-shot service that sets up the roles;</li>
 *   <li>{@value #HIVEMQ_ENV}, {@value #CONNECT_ENV}, {@value #SIMULATOR_ENV}, {@value #DETECTOR_ENV},
 *       {@value #DASHBOARD_ENV}, {@value #NOTIFIER_ENV}, {@value #KEYCLOAK_ENV}, {@value #HISTORY_MIGRATE_ENV},
 *       {@value #HISTORY_RETENTION_ENV}: one per service;</li>
 *   <li>{@value #MQTT_CREDENTIALS}: the broker's accounts (hashes): the simulator's gateway and the Connect
 *       worker;</li>
 *   <li>{@value #SERVICE_ACCOUNTS}: the detector's accounts besides OIDC (hashes): the dashboard;</li>
 *   <li>{@value #NOTIFIER_USERS}: the people who may read the notifier's log (hashes); the first is
 *       {@value #NOTIFIER_FIRST_USER}, whose password is shown once;</li>
 *   <li>{@value #TLS}{@code /}: a development certificate authority and the brokers' certificate.</li>
 * </ul>
 * The folder is its owner's only; the files the containers mount are readable (the containers run
 * as users of their own), and hold hashes or password-protected stores only.
 * <p>
 * Running it again keeps every secret that exists and adds what is missing, also to files that exist
 * (a new service's password in the env files of the services that use it). A password handed out in
 * one file and stored in another (an env file and a credentials file's hash, or two env files) is made
 * to agree: a file that was deleted gets new passwords, and every file that hands them out follows.
 */
public final class ComposeSecrets {

    public static final String KAFKA_ENV = "kafka.env";
    public static final String KAFKA_PRINCIPALS_ENV = "kafka-principals.env";
    public static final String POSTGRES_ENV = "postgres.env";
    public static final String POSTGRES_ROLES_ENV = "postgres-roles.env";
    public static final String HIVEMQ_ENV = "hivemq.env";
    public static final String CONNECT_ENV = "connect.env";
    public static final String SIMULATOR_ENV = "simulator.env";
    public static final String DETECTOR_ENV = "detector.env";
    public static final String DASHBOARD_ENV = "dashboard.env";
    public static final String NOTIFIER_ENV = "notifier.env";
    public static final String KEYCLOAK_ENV = "keycloak.env";
    public static final String HISTORY_MIGRATE_ENV = "history-migrate.env";
    public static final String HISTORY_RETENTION_ENV = "history-retention.env";
    public static final String MQTT_CREDENTIALS = "mqtt-credentials";
    public static final String SERVICE_ACCOUNTS = "service-accounts";
    public static final String NOTIFIER_USERS = "notifier-users";
    public static final String TLS = "tls";
    /** The Kafka principals of the services, as deploy/kafka/acls.conf names them. */
    public static final List<String> KAFKA_PRINCIPALS = List.of("detector", "dashboard", "bridge", "connect", "notifier");
    /** The simulator's MQTT account in compose. */
    public static final String SIMULATOR = "compose-simulator";
    /** Names the brokers' certificate is good for besides localhost. */
    public static final List<String> BROKER_NAMES = List.of("hivemq", "hivemq-2");
    /** The notifier's first account (role engineer); more are added with the credentials command. */
    public static final String NOTIFIER_FIRST_USER = "engineer";

    /** The platform's database in compose. */
    public static final String DATABASE = "pdm";
    /** Owns the history tables; the history migrations run as it. */
    public static final String DB_OWNER = "pdm";
    /** Kafka Connect's JDBC sink: writes the history tables. */
    public static final String DB_CONNECT = "pdm_connect";
    /** The notifier: its own schema, which its migrations fill. */
    public static final String DB_NOTIFIER = "pdm_notifier";
    /** Reads the history (the dashboard). */
    public static final String DB_READER = "pdm_reader";
    /** Rolls up and prunes the history. */
    public static final String DB_RETENTION = "pdm_retention";
    /** The database's roles, as deploy/postgres/roles.sql creates them. */
    public static final List<String> DB_ROLES = List.of(DB_OWNER, DB_CONNECT, DB_NOTIFIER, DB_READER, DB_RETENTION);

    private ComposeSecrets() {
    }

    /**
     * What {@link #ensure} did; the first sign-in password when it made Keycloak's secrets, and the
     * notifier's first account's password when it made its users file.
     */
    public record Outcome(List<Path> written, List<Path> kept, Optional<String> firstSignIn,
                          Optional<String> notifierSignIn) {
        @Override
        public String toString() {
            return "Outcome[written=" + written + ", kept=" + kept + "]";
        }
    }

    /** Makes every missing file and every missing secret; keeps the others (see the class comment). */
    public static Outcome ensure(final Path dir) {
        final List<Path> written = new ArrayList<>();
        final List<Path> kept = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            permissions(dir, "rwx------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        final boolean newKeycloak = !Files.exists(dir.resolve(KEYCLOAK_ENV));
        final boolean newNotifierUsers = !Files.exists(dir.resolve(NOTIFIER_USERS));

        final Map<String, String> kafka = new ComposeSecretsEnvFile(dir.resolve(KAFKA_ENV))
                .own("KAFKA_CLUSTER_ID", () -> Uuid.randomUuid().toString())
                .own("KAFKA_ADMIN_PASSWORD", ComposeSecrets::password)
                .own("KAFKA_CONTROLLER_PASSWORD", ComposeSecrets::password)
                .save(written, kept);
        final ComposeSecretsEnvFile principalsFile = new ComposeSecretsEnvFile(dir.resolve(KAFKA_PRINCIPALS_ENV))
                .set("KAFKA_ADMIN_PASSWORD", kafka.get("KAFKA_ADMIN_PASSWORD"));
        KAFKA_PRINCIPALS.forEach(p -> principalsFile.own(principalVariable(p), ComposeSecrets::password));
        final Map<String, String> principals = principalsFile.save(written, kept);

        final Map<String, String> postgres = new ComposeSecretsEnvFile(dir.resolve(POSTGRES_ENV))
                .own("POSTGRES_PASSWORD", ComposeSecrets::password)
                .save(written, kept);
        final ComposeSecretsEnvFile rolesFile = new ComposeSecretsEnvFile(dir.resolve(POSTGRES_ROLES_ENV))
                .set("POSTGRES_PASSWORD", postgres.get("POSTGRES_PASSWORD"));
        DB_ROLES.forEach(role -> rolesFile.own(roleVariable(role), ComposeSecrets::password));
        final Map<String, String> roles = rolesFile.save(written, kept);
        new ComposeSecretsEnvFile(dir.resolve(HISTORY_MIGRATE_ENV))
                .set("FLYWAY_PASSWORD", roles.get(roleVariable(DB_OWNER)))
                .save(written, kept);
        new ComposeSecretsEnvFile(dir.resolve(HISTORY_RETENTION_ENV))
                .set("PGPASSWORD", roles.get(roleVariable(DB_RETENTION)))
                .save(written, kept);

        final ComposeSecretsEnvFile connect = new ComposeSecretsEnvFile(dir.resolve(CONNECT_ENV));
        final ComposeSecretsEnvFile simulator = new ComposeSecretsEnvFile(dir.resolve(SIMULATOR_ENV));
        final ComposeSecretsAccounts mqtt = new ComposeSecretsAccounts(dir.resolve(MQTT_CREDENTIALS));
        connect.set("PDM_KAFKA_PASSWORD", principals.get(principalVariable("connect")))
                .set("PDM_MQTT_PASSWORD", mqtt.password(PlatformSecurity.CONNECT, Set.of("connect"),
                        connect.existing("PDM_MQTT_PASSWORD")))
                .set("PDM_POSTGRES_PASSWORD", roles.get(roleVariable(DB_CONNECT)));
        simulator.set("PDM_MQTT_PASSWORD", mqtt.password(SIMULATOR, Set.of("gateway"),
                simulator.existing("PDM_MQTT_PASSWORD")));
        mqtt.save(written, kept);
        connect.save(written, kept);
        simulator.save(written, kept);

        final DevCertificates tls = DevCertificates.ensure(dir.resolve(TLS), BROKER_NAMES);
        permissions(tls.keystore(), "rw-r--r--");
        permissions(tls.truststore(), "rw-r--r--");
        permissions(dir.resolve(TLS), "rwxr-xr-x");
        new ComposeSecretsEnvFile(dir.resolve(HIVEMQ_ENV))
                .set("PDM_BRIDGE_PRODUCER_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .set("PDM_BRIDGE_PRODUCER_SASL_MECHANISM", "SCRAM-SHA-512")
                .set("PDM_BRIDGE_PRODUCER_SASL_JAAS_CONFIG", jaas("bridge", principals))
                .set("HIVEMQ_TLS_KEYSTORE_PASSWORD", tls.keystorePassword())
                .set("HIVEMQ_TLS_TRUSTSTORE_PASSWORD", tls.truststorePassword())
                .save(written, kept);

        final Map<String, String> keycloak = new ComposeSecretsEnvFile(dir.resolve(KEYCLOAK_ENV))
                .own("KC_BOOTSTRAP_ADMIN_USERNAME", () -> "admin")
                .own("KC_BOOTSTRAP_ADMIN_PASSWORD", ComposeSecrets::password)
                .own("PDM_DASHBOARD_CLIENT_SECRET", ComposeSecrets::password)
                .own("PDM_DETECTOR_CLIENT_SECRET", ComposeSecrets::password)
                .own("PDM_ENGINEER_PASSWORD", ComposeSecrets::password)
                .save(written, kept);
        kafkaClient(new ComposeSecretsEnvFile(dir.resolve(DETECTOR_ENV)), "detector", principals).save(written, kept);

        final ComposeSecretsEnvFile dashboard = kafkaClient(new ComposeSecretsEnvFile(dir.resolve(DASHBOARD_ENV)),
                "dashboard", principals);
        final ComposeSecretsAccounts serviceAccounts = new ComposeSecretsAccounts(dir.resolve(SERVICE_ACCOUNTS));
        dashboard.set("QUARKUS_OIDC_CREDENTIALS_SECRET", keycloak.get("PDM_DASHBOARD_CLIENT_SECRET"))
                .own("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", () -> password() + password())
                .set("DASHBOARD_DETECTOR_PASSWORD", serviceAccounts.password(PlatformSecurity.DASHBOARD,
                        PlatformSecurity.DASHBOARD_ROLES, dashboard.existing("DASHBOARD_DETECTOR_PASSWORD")))
                .set("QUARKUS_DATASOURCE_PASSWORD", roles.get(roleVariable(DB_READER)));
        serviceAccounts.save(written, kept);
        dashboard.save(written, kept);

        kafkaClient(new ComposeSecretsEnvFile(dir.resolve(NOTIFIER_ENV)), "notifier", principals)
                .set("QUARKUS_DATASOURCE_PASSWORD", roles.get(roleVariable(DB_NOTIFIER)))
                .save(written, kept);
        final Optional<String> notifierSignIn;
        if (newNotifierUsers) {
            final ComposeSecretsAccounts notifierUsers = new ComposeSecretsAccounts(dir.resolve(NOTIFIER_USERS));
            notifierSignIn = Optional.of(notifierUsers.password(NOTIFIER_FIRST_USER, Set.of("engineer"),
                    Optional.empty()));
            notifierUsers.save(written, kept);
        } else {
            kept.add(dir.resolve(NOTIFIER_USERS));
            notifierSignIn = Optional.empty();
        }
        return new Outcome(List.copyOf(written), List.copyOf(kept),
                newKeycloak ? Optional.of(keycloak.get("PDM_ENGINEER_PASSWORD")) : Optional.empty(), notifierSignIn);
    }

    static String principalVariable(final String principal) {
        return "KAFKA_" + principal.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    /** The variable of {@value #POSTGRES_ROLES_ENV} that holds a database role's password. */
    public static String roleVariable(final String role) {
        return "POSTGRES_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    private static ComposeSecretsEnvFile kafkaClient(final ComposeSecretsEnvFile env, final String principal,
                                                     final Map<String, String> principals) {
        return env.set("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .set("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .set("KAFKA_SASL_JAAS_CONFIG", jaas(principal, principals));
    }

    private static String jaas(final String principal, final Map<String, String> principals) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + principals.get(principalVariable(principal)) + "\";";
    }

    static String password() {
        return new String(Accounts.generatePassword());
    }

    /** An env file as compose reads the ones written here: {@code NAME='value'} lines. */
    public static Map<String, String> readEnv(final Path file) {
        final Map<String, String> values = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && l.indexOf('=') > 0)
                    .forEach(line -> {
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

    static void permissions(final Path path, final String permissions) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set the permissions of " + path, e);
            }
        }
    }
}
