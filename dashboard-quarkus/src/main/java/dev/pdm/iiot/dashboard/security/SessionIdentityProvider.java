package dev.pdm.iiot.dashboard.security;

import dev.pdm.iiot.security.quarkus.UserAccounts;
import dev.pdm.iiot.security.credentials.Credential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The user of a signed-in browser session: the form login's encrypted cookie names a user whose
 * password was checked when the session began; every request looks the account up again in the
 * users file, so that a removed account is signed out at once and a changed role applies at once.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final UserAccounts accounts;

    public SessionIdentityProvider(final UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(final TrustedAuthenticationRequest request,
                                              final AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            final Optional<Credential> account = accounts.find(request.getPrincipal());
            if (account.isEmpty()) {
                throw new AuthenticationFailedException("the session's account is no longer in the users file");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(account.get().name()))
                    .addRoles(account.get().roles())
                    .build();
        });
    }
}
