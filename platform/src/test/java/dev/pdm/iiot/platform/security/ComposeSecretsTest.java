package dev.pdm.iiot.platform.security;

import dev.pdm.iiot.security.credentials.CredentialsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeSecretsTest {

    @TempDir
    Path dir;

    @Test
    void eachServiceGetsItsOwnSecretsAndTheHashesMatchThePasswordsHandedOut() throws Exception {
        final ComposeSecrets.Outcome outcome = ComposeSecrets.ensure(dir);

        assertThat(outcome.kept()).isEmpty();
        assertThat(outcome.firstSignIn()).isPresent();
        final Map<String, String> connect = ComposeSecrets.readEnv(dir.resolve(ComposeSecrets.CONNECT_ENV));
        final Map<String, String> principals = ComposeSecrets.readEnv(dir.resolve(ComposeSecrets.KAFKA_PRINCIPALS_ENV));
        assertThat(connect.get("PDM_KAFKA_PASSWORD")).isEqualTo(principals.get("KAFKA_CONNECT_PASSWORD"));
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.MQTT_CREDENTIALS))
                .authenticate(PlatformSecurity.CONNECT, connect.get("PDM_MQTT_PASSWORD").toCharArray())).isPresent();
        final Map<String, String> simulator = ComposeSecrets.readEnv(dir.resolve(ComposeSecrets.SIMULATOR_ENV));
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.MQTT_CREDENTIALS))
                .authenticate(ComposeSecrets.SIMULATOR, simulator.get("PDM_MQTT_PASSWORD").toCharArray())).isPresent();
        final Map<String, String> dashboard = ComposeSecrets.readEnv(dir.resolve(ComposeSecrets.DASHBOARD_ENV));
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.SERVICE_ACCOUNTS))
                .authenticate(PlatformSecurity.DASHBOARD, dashboard.get("DASHBOARD_DETECTOR_PASSWORD").toCharArray()))
                .isPresent();
        assertThat(dashboard.get("KAFKA_SASL_JAAS_CONFIG")).contains("username=\"dashboard\"")
                .contains(principals.get("KAFKA_DASHBOARD_PASSWORD"));
        assertThat(ComposeSecrets.readEnv(dir.resolve(ComposeSecrets.DETECTOR_ENV)).get("KAFKA_SASL_JAAS_CONFIG"))
                .contains("username=\"detector\"").doesNotContain(principals.get("KAFKA_DASHBOARD_PASSWORD"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ComposeSecrets.KAFKA_ENV))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
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
        final String simulator = ComposeSecrets.readEnv(dir.resolve(ComposeSecrets.SIMULATOR_ENV)).get("PDM_MQTT_PASSWORD");
        assertThat(CredentialsFile.read(dir.resolve(ComposeSecrets.MQTT_CREDENTIALS))
                .authenticate(ComposeSecrets.SIMULATOR, simulator.toCharArray())).isPresent();
        assertThat(Files.readString(dir.resolve(ComposeSecrets.DETECTOR_ENV))).isEqualTo(detector);
    }
}
