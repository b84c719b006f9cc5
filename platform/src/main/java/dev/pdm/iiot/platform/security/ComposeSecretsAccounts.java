package dev.pdm.iiot.platform.security;

import dev.pdm.iiot.security.credentials.Credential;
import dev.pdm.iiot.security.credentials.Credentials;
import dev.pdm.iiot.security.credentials.CredentialsFile;
import dev.pdm.iiot.security.credentials.PasswordHash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A credentials file of services and people: an account keeps its password when the one handed
 * out still matches its hash, and gets a new one otherwise. Other accounts stay as they are.
 */
final class ComposeSecretsAccounts {

    private final Path file;
    private Credentials accounts;
    private boolean changed;

    ComposeSecretsAccounts(final Path file) {
        this.file = file;
        this.accounts = CredentialsFile.readIfExists(file);
        this.changed = !Files.exists(file);
    }

    String password(final String name, final Set<String> roles, final Optional<String> handedOut) {
        if (handedOut.isPresent() && accounts.authenticate(name, handedOut.get().toCharArray()).isPresent()) {
            return handedOut.get();
        }
        final String password = ComposeSecrets.password();
        accounts = accounts.with(new Credential(name, roles, PasswordHash.of(password.toCharArray())));
        changed = true;
        return password;
    }

    void save(final List<Path> written, final List<Path> kept) {
        if (!changed) {
            kept.add(file);
            return;
        }
        CredentialsFile.write(file, accounts);
        ComposeSecrets.permissions(file, "rw-r--r--");
        written.add(file);
    }
}
