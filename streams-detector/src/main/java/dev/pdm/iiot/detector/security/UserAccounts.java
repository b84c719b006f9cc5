package dev.pdm.iiot.detector.security;

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
 * read. Changes to the file take effect within seconds, without a restart (see
 * {@link CredentialStore}). Without a file nobody signs in with a password; only OIDC tokens, when
 * enabled, authenticate.
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
                    oidc ? "; OIDC bearer tokens still authenticate" : ", and OIDC is off: every request is refused");
        }
    }

    /** The account if the password is its own; empty without a users file. */
    public Optional<Credential> authenticate(final String name, final char[] password) {
        return store.flatMap(s -> s.authenticate(name, password));
    }
}
