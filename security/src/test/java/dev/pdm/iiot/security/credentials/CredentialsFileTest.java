package dev.pdm.iiot.security.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsFileTest {

    @TempDir
    Path dir;

    private static Credential account(final String name, final String password, final String... roles) {
        return new Credential(name, Set.of(roles), PasswordHash.of(password.toCharArray(), PasswordHash.MIN_ITERATIONS));
    }

    @Test
    void writesAndReadsAccountsWithTheirRolesOwnerOnly() throws Exception {
        final Path file = dir.resolve("devices");
        CredentialsFile.write(file, Credentials.of(java.util.List.of(
                account("MACHINE_001", "a", "device"), account("alice", "b", "operator", "viewer"))));

        final Credentials read = CredentialsFile.read(file);

        assertThat(read.size()).isEqualTo(2);
        assertThat(read.find("alice").orElseThrow().roles()).containsExactlyInAnyOrder("operator", "viewer");
        assertThat(read.authenticate("MACHINE_001", "a".toCharArray())).isPresent();
        assertThat(read.authenticate("MACHINE_001", "b".toCharArray())).isEmpty();
        assertThat(read.authenticate("nobody", "a".toCharArray())).isEmpty();
        assertThat(Files.readString(file)).doesNotContain(":a\n").contains("MACHINE_001:device:pbkdf2-sha512$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void namesTheBadLineWithoutItsSecret() throws Exception {
        final Path file = dir.resolve("bad");
        Files.writeString(file, "# comment\n\nMACHINE_001:device:hunter2\n");

        assertThatThrownBy(() -> CredentialsFile.read(file))
                .hasMessageContaining("line 3")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesAnAccountTwice() throws Exception {
        final Path file = dir.resolve("twice");
        final String line = account("bob", "x", "viewer").line();
        Files.writeString(file, line + "\n" + line + "\n");

        assertThatThrownBy(() -> CredentialsFile.read(file)).hasMessageContaining("bob is there twice");
    }

    @Test
    void aStoreSeesARotatedPasswordAndKeepsTheLastGoodFile() throws Exception {
        final Path file = dir.resolve("rotating");
        CredentialsFile.write(file, Credentials.of(java.util.List.of(account("dev1", "old", "device"))));
        final MutableClock clock = new MutableClock();
        final CredentialStore store = CredentialStore.open(file, clock);
        assertThat(store.authenticate("dev1", "old".toCharArray())).isPresent();

        CredentialsFile.write(file, Credentials.of(java.util.List.of(account("dev1", "new", "device"))));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        clock.advance(CredentialStore.RECHECK.toMillis() + 1);

        assertThat(store.authenticate("dev1", "old".toCharArray())).isEmpty();
        assertThat(store.authenticate("dev1", "new".toCharArray())).isPresent();

        Files.writeString(file, "garbage\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        clock.advance(CredentialStore.RECHECK.toMillis() + 1);

        assertThat(store.authenticate("dev1", "new".toCharArray())).isPresent();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(final long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
