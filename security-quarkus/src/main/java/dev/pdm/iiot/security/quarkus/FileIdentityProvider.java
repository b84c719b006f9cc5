package dev.pdm.iiot.security.quarkus;

import dev.pdm.iiot.security.credentials.Credential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Name and password, from a login form or HTTP Basic, checked against the users file. The PBKDF2
 * check is slow on purpose, so it runs on a worker thread, never on the event loop; a password that
 * passed once is remembered by the store, so a script that sends its credentials with every
 * request costs one check. The password is never logged, nor kept in the identity.
 */
@ApplicationScoped
public class FileIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(FileIdentityProvider.class);

    private final UserAccounts accounts;

    public FileIdentityProvider(final UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(final UsernamePasswordAuthenticationRequest request,
                                              final AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            final Optional<Credential> account = accounts.authenticate(request.getUsername(),
                    request.getPassword().getPassword());
            if (account.isEmpty()) {
                LOG.debug("refused a password for the account {}", request.getUsername());
                throw new AuthenticationFailedException("wrong name or password");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(account.get().name()))
                    .addRoles(account.get().roles())
                    .build();
        });
    }
}
