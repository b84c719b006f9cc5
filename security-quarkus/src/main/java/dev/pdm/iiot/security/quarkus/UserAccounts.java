package dev.pdm.iiot.security.quarkus;

import dev.pdm.iiot.security.credentials.Credential;
import dev.pdm.iiot.security.credentials.CredentialStore;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The accounts of the users file ({@code pdm.security.users-file}), read at start: a file that is
 * configured but cannot be read stops the start, a server must not run with accounts it cannot
 * read. Changes take effect within seconds, without a restart (see {@link CredentialStore}): a
 * removed account is refused at its next request, a changed role applies at once. Without a file
 * nobody signs in with a password; only OIDC, when enabled, authenticates.
 */
@Startup
@ApplicationScoped
public class UserAccounts {

    /** The setting that names the users file, the same in every app. */
    public static final String USERS_FILE = "pdm.security.users-file";

    private static final Logger LOG = LoggerFactory.getLogger(UserAccounts.class);

    private final Optional<CredentialStore> store;

    public UserAccounts(@ConfigProperty(name = USERS_FILE) final Optional<String> usersFile,
                        @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") final boolean oidc) {
        this.store = usersFile.filter(file -> !file.isBlank()).map(file -> {
            final CredentialStore opened = CredentialStore.open(Path.of(file));
            LOG.info("users file {}: {} accounts", opened.file(), opened.credentials().size());
            return opened;
        });
        if (store.isEmpty()) {
            LOG.warn("no users file ({}): nobody signs in with a password{}", USERS_FILE,
                    oidc ? "; OIDC authenticates" : ", and OIDC is off: every request is refused");
        }
    }

    /** The account if the password is its own; empty without a users file. */
    public Optional<Credential> authenticate(final String name, final char[] password) {
        return store.flatMap(s -> s.authenticate(name, password));
    }

    /** The account as the file holds it now, e.g. the user of a session signed in before. */
    public Optional<Credential> find(final String name) {
        return store.flatMap(s -> s.credentials().find(name));
    }
}
