package dev.pdm.iiot.platform.security;

import dev.pdm.iiot.security.credentials.Credentials;
import dev.pdm.iiot.security.credentials.CredentialsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformSecurityTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartMakesAnEngineerWhosePasswordIsShownOnceAndStoredAsAHash() throws Exception {
        final PlatformSecrets first = PlatformSecurity.prepare(dir);

        final String password = first.firstAdminPassword().orElseThrow();
        final Credentials people = CredentialsFile.read(first.peopleFile());
        assertThat(people.authenticate(PlatformSecurity.ADMIN, password.toCharArray()).orElseThrow().roles())
                .containsExactly("engineer");
        assertThat(Files.readString(first.peopleFile())).doesNotContain(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(first.toString()).doesNotContain(password).doesNotContain(first.simulatorPassword());

        final PlatformSecrets second = PlatformSecurity.prepare(dir);

        assertThat(second.firstAdminPassword()).isEmpty();
        assertThat(CredentialsFile.read(second.peopleFile()).authenticate(PlatformSecurity.ADMIN, password.toCharArray()))
                .as("the admin's password survives a restart").isPresent();
        assertThat(second.sessionKey()).as("sign-ins survive a restart").isEqualTo(first.sessionKey());
    }

    @Test
    void theServicesGetANewPasswordAtEveryStartThatOnlyThisStartKnows() {
        final PlatformSecrets first = PlatformSecurity.prepare(dir);
        final PlatformSecrets second = PlatformSecurity.prepare(dir);

        final Credentials devices = CredentialsFile.read(second.devicesFile());
        assertThat(second.simulatorPassword()).isNotEqualTo(first.simulatorPassword());
        assertThat(devices.authenticate(PlatformSecurity.SIMULATOR, second.simulatorPassword().toCharArray())).isPresent();
        assertThat(devices.authenticate(PlatformSecurity.SIMULATOR, first.simulatorPassword().toCharArray())).isEmpty();
        assertThat(devices.find(PlatformSecurity.SIMULATOR).orElseThrow().roles()).containsExactly("gateway");
        assertThat(devices.find(PlatformSecurity.CONNECT).orElseThrow().roles()).containsExactly("connect");
        assertThat(CredentialsFile.read(second.peopleFile()).authenticate(PlatformSecurity.DASHBOARD,
                second.dashboardPassword().toCharArray()).orElseThrow().roles())
                .containsExactlyInAnyOrder("delegate", "operator");
        assertThat(second.tls().keystore()).exists();
    }
}
