package dev.pdm.iiot.platform.security;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./run compose-secrets}: the secrets docker compose reads, made where missing. */
@Command(name = "compose-secrets", mixinStandardHelpOptions = true,
        description = {"Makes the secrets docker compose reads, in deploy/secrets/ (never committed): env files with",
                "each service's Kafka, MQTT, PostgreSQL and OIDC passwords, the MQTT credentials file, the detector's",
                "service accounts, the notifier's users and a development certificate authority for MQTT over TLS.",
                "Secrets that exist are kept and missing ones added; delete a file and run this again to give it",
                "new secrets (docs/SECURITY.md, Rotating credentials)."})
public final class ComposeSecretsCommand implements Callable<Integer> {

    @Option(names = "--dir", description = "Where the secrets go (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("deploy", "secrets");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final ComposeSecrets.Outcome outcome = ComposeSecrets.ensure(dir);
        outcome.written().forEach(file -> out.println("wrote " + file));
        outcome.kept().forEach(file -> out.println("kept  " + file));
        outcome.firstSignIn().ifPresent(password -> {
            out.println();
            out.println("The dashboard signs in through Keycloak (http://localhost:8180, realm pdm): the first person is");
            out.println("'engineer' with the one-time password " + password + " (changed at first sign-in).");
            out.println("Keycloak's own administrator is in " + dir.resolve(ComposeSecrets.KEYCLOAK_ENV) + ".");
        });
        outcome.notifierSignIn().ifPresent(password -> {
            out.println();
            out.println("The notifier's log (http://localhost:8082/notifications, HTTP Basic) takes '"
                    + ComposeSecrets.NOTIFIER_FIRST_USER + "' with the password " + password + " (shown once); add people with");
            out.println("./run credentials --file " + dir.resolve(ComposeSecrets.NOTIFIER_USERS) + " add NAME --roles viewer");
        });
        return 0;
    }
}
