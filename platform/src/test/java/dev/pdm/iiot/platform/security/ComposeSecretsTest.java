package dev.pdm.iiot.platform.security;

import dev.pdm.iiot.security.credentials.CredentialsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeSecretsTest {

    @TempDir
    Path dir;

    @Test
    void eachServiceGetsItsOwnSecretsAndTheHashesMatchThePasswordsHandedOut() throws Exception {
        final ComposeSecrets.Outcome outcome = ComposeSecrets.ensure(dir);

        assertThat(outcome.kept()).isEmpty();
        assertThat(outcome.firstSignIn()).isPresent();
        final Map<String, String> connect = env(ComposeSecrets.CONNECT_ENV);
        final Map<String, String> principals = env(ComposeSecrets.KAFKA_PRINCIPALS_ENV);
        assertThat(connect.get("PDM_KAFKA_PASSWORD")).isEqualTo(principals.get("KAFKA_CONNECT_PASSWORD"));
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.MQTT_CREDENTIALS))
                .authenticate(PlatformSecurity.CONNECT, connect.get("PDM_MQTT_PASSWORD").toCharArray())).isPresent();
        final Map<String, String> simulator = env(ComposeSecrets.SIMULATOR_ENV);
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.MQTT_CREDENTIALS))
                .authenticate(ComposeSecrets.SIMULATOR, simulator.get("PDM_MQTT_PASSWORD").toCharArray())).isPresent();
        final Map<String, String> dashboard = env(ComposeSecrets.DASHBOARD_ENV);
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.SERVICE_ACCOUNTS))
                .authenticate(PlatformSecurity.DASHBOARD, dashboard.get("DASHBOARD_DETECTOR_PASSWORD").toCharArray()))
                .isPresent();
        assertThat(dashboard.get("KAFKA_SASL_JAAS_CONFIG")).contains("username=\"dashboard\"")
                .contains(principals.get("KAFKA_DASHBOARD_PASSWORD"));
        assertThat(env(ComposeSecrets.DETECTOR_ENV).get("KAFKA_SASL_JAAS_CONFIG"))
                .contains("username=\"detector\"").doesNotContain(principals.get("KAFKA_DASHBOARD_PASSWORD"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ComposeSecrets.KAFKA_ENV))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void theNotifierGetsItsKafkaPrincipalItsDatabaseRoleAndAFirstAccountShownOnce() {
        final ComposeSecrets.Outcome outcome = ComposeSecrets.ensure(dir);

        final Map<String, String> principals = env(ComposeSecrets.KAFKA_PRINCIPALS_ENV);
        final Map<String, String> notifier = env(ComposeSecrets.NOTIFIER_ENV);
        assertThat(principals).containsKey("KAFKA_NOTIFIER_PASSWORD");
        assertThat(notifier).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(notifier.get("KAFKA_SASL_JAAS_CONFIG")).contains("username=\"notifier\"")
                .contains("password=\"" + principals.get("KAFKA_NOTIFIER_PASSWORD") + "\"");
        assertThat(notifier.get("QUARKUS_DATASOURCE_PASSWORD"))
                .isEqualTo(env(ComposeSecrets.POSTGRES_ROLES_ENV).get(ComposeSecrets.roleVariable(ComposeSecrets.DB_NOTIFIER)));
        assertThat(outcome.notifierSignIn()).isPresent();
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.NOTIFIER_USERS))
                .authenticate(ComposeSecrets.NOTIFIER_FIRST_USER, outcome.notifierSignIn().orElseThrow().toCharArray()))
                .hasValueSatisfying(account -> assertThat(account.roles()).containsExactly("engineer"));
        assertThat(ComposeSecrets.ensure(dir).notifierSignIn()).as("shown once").isEmpty();
    }

    @Test
    void eachDatabaseRoleHasAPasswordOfItsOwnHandedOnlyToTheServiceThatUsesIt() {
        ComposeSecrets.ensure(dir);

        final Map<String, String> roles = env(ComposeSecrets.POSTGRES_ROLES_ENV);
        assertThat(roles.get("POSTGRES_PASSWORD")).isEqualTo(env(ComposeSecrets.POSTGRES_ENV).get("POSTGRES_PASSWORD"));
        final Set<String> passwords = new HashSet<>();
        passwords.add(roles.get("POSTGRES_PASSWORD"));
        ComposeSecrets.DB_ROLES.forEach(role -> passwords.add(roles.get(ComposeSecrets.roleVariable(role))));
        assertThat(passwords).as("all different").hasSize(ComposeSecrets.DB_ROLES.size() + 1).doesNotContainNull();
        assertThat(env(ComposeSecrets.HISTORY_MIGRATE_ENV))
                .containsExactly(Map.entry("FLYWAY_PASSWORD", role(roles, ComposeSecrets.DB_OWNER)));
        assertThat(env(ComposeSecrets.HISTORY_RETENTION_ENV))
                .containsExactly(Map.entry("PGPASSWORD", role(roles, ComposeSecrets.DB_RETENTION)));
        assertThat(env(ComposeSecrets.CONNECT_ENV)).containsEntry("PDM_POSTGRES_PASSWORD", role(roles, ComposeSecrets.DB_CONNECT));
        assertThat(env(ComposeSecrets.DASHBOARD_ENV))
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", role(roles, ComposeSecrets.DB_READER));
        assertThat(env(ComposeSecrets.POSTGRES_ENV)).containsOnlyKeys("POSTGRES_PASSWORD");
        for (final String file : List.of(ComposeSecrets.KAFKA_ENV, ComposeSecrets.DETECTOR_ENV, ComposeSecrets.SIMULATOR_ENV,
                ComposeSecrets.HIVEMQ_ENV, ComposeSecrets.KEYCLOAK_ENV, ComposeSecrets.POSTGRES_ENV)) {
            assertThat(env(file).values()).as(file).doesNotContainAnyElementsOf(ComposeSecrets.DB_ROLES.stream()
                    .map(role -> role(roles, role)).collect(Collectors.toList()));
        }
    }

    @Test
    void aSecondRunKeepsEverySecretAndANewCredentialsFileRenewsTheEnvFilesOfItsPasswords() throws Exception {
        ComposeSecrets.ensure(dir);
        final String kafka = Files.readString(dir.resolve(ComposeSecrets.KAFKA_ENV));

        final ComposeSecrets.Outcome again = ComposeSecrets.ensure(dir);

        assertThat(again.written()).isEmpty();
        assertThat(again.firstSignIn()).isEmpty();
        assertThat(Files.readString(dir.resolve(ComposeSecrets.KAFKA_ENV))).isEqualTo(kafka);

        final String detector = Files.readString(dir.resolve(ComposeSecrets.DETECTOR_ENV));
        Files.delete(dir.resolve(ComposeSecrets.MQTT_CREDENTIALS));

        final ComposeSecrets.Outcome rotated = ComposeSecrets.ensure(dir);

        assertThat(rotated.written()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                ComposeSecrets.MQTT_CREDENTIALS, ComposeSecrets.CONNECT_ENV, ComposeSecrets.SIMULATOR_ENV);
        final String simulator = env(ComposeSecrets.SIMULATOR_ENV).get("PDM_MQTT_PASSWORD");
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.MQTT_CREDENTIALS))
                .authenticate(ComposeSecrets.SIMULATOR, simulator.toCharArray())).isPresent();
        assertThat(Files.readString(dir.resolve(ComposeSecrets.DETECTOR_ENV))).isEqualTo(detector);
    }

    @Test
    void newRolePasswordsReachEveryServiceThatUsesThemAndNothingElseChanges() throws Exception {
        ComposeSecrets.ensure(dir);
        final Map<String, String> before = env(ComposeSecrets.POSTGRES_ROLES_ENV);
        final Map<String, String> connectBefore = env(ComposeSecrets.CONNECT_ENV);
        Files.delete(dir.resolve(ComposeSecrets.POSTGRES_ROLES_ENV));

        final ComposeSecrets.Outcome rotated = ComposeSecrets.ensure(dir);

        assertThat(rotated.written()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                ComposeSecrets.POSTGRES_ROLES_ENV, ComposeSecrets.HISTORY_MIGRATE_ENV, ComposeSecrets.HISTORY_RETENTION_ENV,
                ComposeSecrets.CONNECT_ENV, ComposeSecrets.DASHBOARD_ENV, ComposeSecrets.NOTIFIER_ENV);
        final Map<String, String> after = env(ComposeSecrets.POSTGRES_ROLES_ENV);
        assertThat(after.get("POSTGRES_PASSWORD")).as("the superuser's is postgres.env's").isEqualTo(before.get("POSTGRES_PASSWORD"));
        ComposeSecrets.DB_ROLES.forEach(role -> assertThat(role(after, role)).as(role).isNotEqualTo(role(before, role)));
        final Map<String, String> connect = env(ComposeSecrets.CONNECT_ENV);
        assertThat(connect.get("PDM_POSTGRES_PASSWORD")).isEqualTo(role(after, ComposeSecrets.DB_CONNECT));
        assertThat(connect.get("PDM_MQTT_PASSWORD")).isEqualTo(connectBefore.get("PDM_MQTT_PASSWORD"));
        assertThat(connect.get("PDM_KAFKA_PASSWORD")).isEqualTo(connectBefore.get("PDM_KAFKA_PASSWORD"));
        assertThat(env(ComposeSecrets.NOTIFIER_ENV).get("QUARKUS_DATASOURCE_PASSWORD"))
                .isEqualTo(role(after, ComposeSecrets.DB_NOTIFIER));
    }

    @Test
    void secretsMadeBeforeTheDatabaseAndTheNotifierExistedGetTheirsAddedAndKeepTheRest() throws Exception {
        ComposeSecrets.ensure(dir);
        // a folder as an older compose-secrets left it: no database, no notifier
        for (final String file : List.of(ComposeSecrets.POSTGRES_ENV, ComposeSecrets.POSTGRES_ROLES_ENV,
                ComposeSecrets.HISTORY_MIGRATE_ENV, ComposeSecrets.HISTORY_RETENTION_ENV, ComposeSecrets.NOTIFIER_ENV,
                ComposeSecrets.NOTIFIER_USERS)) {
            Files.delete(dir.resolve(file));
        }
        withoutLine(ComposeSecrets.KAFKA_PRINCIPALS_ENV, "KAFKA_NOTIFIER_PASSWORD=");
        withoutLine(ComposeSecrets.CONNECT_ENV, "PDM_POSTGRES_PASSWORD=");
        withoutLine(ComposeSecrets.DASHBOARD_ENV, "QUARKUS_DATASOURCE_PASSWORD=");
        Files.writeString(dir.resolve(ComposeSecrets.CONNECT_ENV), "# a note of the operator\n",
                java.nio.file.StandardOpenOption.APPEND);
        final Map<String, String> principals = env(ComposeSecrets.KAFKA_PRINCIPALS_ENV);
        final Map<String, String> connect = env(ComposeSecrets.CONNECT_ENV);
        final Map<String, String> dashboard = env(ComposeSecrets.DASHBOARD_ENV);
        final String detector = Files.readString(dir.resolve(ComposeSecrets.DETECTOR_ENV));

        final ComposeSecrets.Outcome upgraded = ComposeSecrets.ensure(dir);

        assertThat(upgraded.firstSignIn()).isEmpty();
        assertThat(upgraded.notifierSignIn()).isPresent();
        assertThat(env(ComposeSecrets.KAFKA_PRINCIPALS_ENV)).containsAllEntriesOf(principals)
                .containsKey("KAFKA_NOTIFIER_PASSWORD");
        assertThat(env(ComposeSecrets.CONNECT_ENV)).containsAllEntriesOf(connect).containsKey("PDM_POSTGRES_PASSWORD");
        assertThat(Files.readString(dir.resolve(ComposeSecrets.CONNECT_ENV))).contains("# a note of the operator");
        assertThat(env(ComposeSecrets.DASHBOARD_ENV)).containsAllEntriesOf(dashboard).containsKey("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(Files.readString(dir.resolve(ComposeSecrets.DETECTOR_ENV))).isEqualTo(detector);
        assertThat(env(ComposeSecrets.NOTIFIER_ENV).get("KAFKA_SASL_JAAS_CONFIG"))
                .contains(env(ComposeSecrets.KAFKA_PRINCIPALS_ENV).get("KAFKA_NOTIFIER_PASSWORD"));
    }

    @Test
    void aDeletedEnvFileGetsANewPasswordForItsAccountOnlyAndTheOtherAccountsKeepTheirs() throws Exception {
        ComposeSecrets.ensure(dir);
        final String simulator = env(ComposeSecrets.SIMULATOR_ENV).get("PDM_MQTT_PASSWORD");
        final String connectKafka = env(ComposeSecrets.CONNECT_ENV).get("PDM_KAFKA_PASSWORD");
        Files.delete(dir.resolve(ComposeSecrets.CONNECT_ENV));

        final ComposeSecrets.Outcome outcome = ComposeSecrets.ensure(dir);

        assertThat(outcome.written()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(ComposeSecrets.CONNECT_ENV, ComposeSecrets.MQTT_CREDENTIALS);
        final Map<String, String> connect = env(ComposeSecrets.CONNECT_ENV);
        assertThat(connect.get("PDM_KAFKA_PASSWORD")).isEqualTo(connectKafka);
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.MQTT_CREDENTIALS))
                .authenticate(PlatformSecurity.CONNECT, connect.get("PDM_MQTT_PASSWORD").toCharArray())).isPresent();
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.MQTT_CREDENTIALS))
                .authenticate(ComposeSecrets.SIMULATOR, simulator.toCharArray())).isPresent();
    }

    private Map<String, String> env(final String file) {
        return ComposeSecrets.readEnv(dir.resolve(file));
    }

    private static String role(final Map<String, String> roles, final String role) {
        return roles.get(ComposeSecrets.roleVariable(role));
    }

    private void withoutLine(final String file, final String prefix) throws IOException {
        final Path path = dir.resolve(file);
        Files.write(path, Files.readAllLines(path).stream().filter(l -> !l.startsWith(prefix)).toList());
    }
}
