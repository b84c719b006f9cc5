package dev.pdm.iiot.security.cli;

import dev.pdm.iiot.security.credentials.CredentialsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsCommandTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(final String stdin, final String... args) {
        final CommandLine cli = CredentialsCommand.commandLine(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        final int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void addPrintsAGeneratedPasswordOnceAndStoresOnlyItsHash() throws Exception {
        final Path file = dir.resolve("mqtt-credentials");

        final Result added = run("", "--file", file.toString(), "add", "MACHINE_001", "--roles", "device");

        assertThat(added.exitCode()).isZero();
        final String password = added.out().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(password).hasSize(24);
        assertThat(Files.readString(file)).doesNotContain(password).contains("MACHINE_001:device:pbkdf2-sha512$");
        assertThat(CredentialsFile.read(file).authenticate("MACHINE_001", password.toCharArray())).isPresent();
    }

    @Test
    void takesThePasswordFromStandardInputAndTheFileAfterTheSubcommand() {
        final Path file = dir.resolve("creds");

        final Result added = run("correct horse battery\n", "add", "simulator", "--roles", "gateway,device",
                "--password-stdin", "--file", file.toString());

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).doesNotContain("correct horse");
        assertThat(CredentialsFile.read(file).authenticate("simulator", "correct horse battery".toCharArray()))
                .hasValueSatisfying(a -> assertThat(a.roles()).containsExactlyInAnyOrder("gateway", "device"));
    }

    @Test
    void passwdRotatesRemoveRemovesAndListShowsNamesAndRolesNeverHashes() {
        final Path file = dir.resolve("creds");
        final String first = Accounts.add(file, "alerts", Set.of("alert-consumer"));
        Accounts.add(file, "MACHINE_002", Set.of("device"));

        final Result rotated = run("", "--file", file.toString(), "passwd", "alerts");
        final String second = rotated.out().lines().reduce((a, b) -> b).orElseThrow();
        final Result removed = run("", "--file", file.toString(), "remove", "MACHINE_002");
        final Result listed = run("", "--file", file.toString(), "list");

        assertThat(rotated.exitCode()).isZero();
        assertThat(second).isNotEqualTo(first);
        assertThat(CredentialsFile.read(file).authenticate("alerts", first.toCharArray())).isEmpty();
        assertThat(CredentialsFile.read(file).authenticate("alerts", second.toCharArray())).isPresent();
        assertThat(removed.exitCode()).isZero();
        assertThat(listed.out()).isEqualTo("alerts\talert-consumer\n").doesNotContain("pbkdf2");
        assertThat(Accounts.list(file)).containsExactly(new Account("alerts", Set.of("alert-consumer")));
    }

    @Test
    void refusesAnAccountTwiceAnUnknownOneAShortPasswordAndAMissingFile() {
        final Path file = dir.resolve("creds");
        Accounts.add(file, "MACHINE_003", Set.of("device"));

        assertThat(run("", "--file", file.toString(), "add", "MACHINE_003", "--roles", "device"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(CredentialsCommand.REFUSED))
                .satisfies(r -> assertThat(r.err()).contains("exists already"));
        assertThat(run("", "--file", file.toString(), "passwd", "nobody").err()).contains("no account nobody");
        assertThat(run("", "--file", file.toString(), "remove", "nobody").exitCode()).isEqualTo(CredentialsCommand.REFUSED);
        assertThat(run("short\n", "--file", file.toString(), "add", "x", "--roles", "device", "--password-stdin").err())
                .contains("at least 12 characters");
        assertThat(run("", "add", "x", "--roles", "device").exitCode()).isEqualTo(2);
        assertThat(Accounts.list(file)).extracting(Account::name).isEqualTo(List.of("MACHINE_003"));
    }
}
