package dev.pdm.iiot.dashboard.security;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;

/**
 * What a request without credentials is answered, outside the page: 401. With the login form on,
 * Quarkus' HTTP Basic stays silent and every such request would be redirected to the login page,
 * an API client included; this mechanism authenticates nobody and answers first instead. The page
 * itself ({@code /}, its script) selects the form (or, with OIDC, the provider's code flow) by its
 * own permission in application.properties, so a browser still goes to the login.
 *
 * <p>The page's own requests (marked {@code X-Requested-With: XMLHttpRequest}) get the 401 without
 * the Basic challenge header: a browser would answer that with its own password dialog, and then
 * send what was typed there with every request. The page goes back to {@code /} instead.
 */
@ApplicationScoped
public class ApiChallenge implements HttpAuthenticationMechanism {

    /** Above Basic (2000), OIDC (1001) and the form (1000): asked first for the challenge. */
    static final int PRIORITY = 3000;

    private final String challenge;

    public ApiChallenge(@ConfigProperty(name = "quarkus.http.auth.realm", defaultValue = "iiot-pdm") final String realm) {
        this.challenge = "Basic realm=\"" + realm + "\"";
    }

    @Override
    public Uni<SecurityIdentity> authenticate(final RoutingContext context, final IdentityProviderManager identities) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(final RoutingContext context) {
        final boolean page = "XMLHttpRequest".equalsIgnoreCase(context.request().getHeader("X-Requested-With"));
        return Uni.createFrom().item(page
                ? new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code())
                : new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(), "WWW-Authenticate", challenge));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(final RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
