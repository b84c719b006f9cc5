package dev.pdm.iiot.dashboard.security;

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
 * removed account's session ends at its next request, a changed role applies at once. Without a
 * file nobody signs in with a password; only OIDC, when enabled, signs people in.
 */
@Startup
@ApplicationScoped
public class UserAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(UserAccounts.class);

    private final Optional<CredentialStore> store;

    public UserAccounts(final SecurityConfig config,
                        @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") final boolean oidc) {
        this.store = config.usersFile().filter(file -> !file.isBlank()).map(file -> {
            final CredentialStore opened = CredentialStore.open(Path.of(file));
            LOG.info("users file {}: {} accounts", opened.file(), opened.credentials().size());
            return opened;
        });
        if (store.isEmpty()) {
            LOG.warn("no users file (pdm.security.users-file): nobody can sign in with a password{}",
                    oidc ? "; people sign in with OIDC" : ", and OIDC is off: nobody can sign in at all");
        }
    }

    /** The account if the password is its own; empty without a users file. */
    public Optional<Credential> authenticate(final String name, final char[] password) {
        return store.flatMap(s -> s.authenticate(name, password));
    }

    /** The account as the file holds it now: a session's user, signed in before. */
    public Optional<Credential> find(final String name) {
        return store.flatMap(s -> s.credentials().find(name));
    }
}
