package dev.pdm.iiot.dashboard.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;

/**
 * {@code GET /logout}: ends a form login's session by expiring its cookie (and the CSRF token's),
 * then shows the login page saying so. The session cookie is all there is of a session, so nothing
 * else has to be forgotten. With OIDC, Quarkus answers this path itself for a session of the
 * provider ({@code quarkus.oidc.logout.path}) and signs out there too.
 */
@Path(SessionResource.SIGN_OUT)
@PermitAll
public class SignOutResource {

    static final String SIGNED_OUT_PAGE = "/login.html?signed-out";

    private final String sessionCookie;

    public SignOutResource(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name") final String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @GET
    public Response signOut(final RoutingContext routing) {
        // through Vert.x' cookie jar: it replaces a refreshed session cookie this request may have been given
        routing.response().addCookie(expired(sessionCookie, routing));
        routing.response().addCookie(expired(CsrfTokens.COOKIE, routing));
        return Response.seeOther(URI.create(SIGNED_OUT_PAGE)).header("Cache-Control", "no-store").build();
    }

    private static Cookie expired(final String name, final RoutingContext routing) {
        return Cookie.cookie(name, "").setPath("/").setMaxAge(0).setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(routing.request().isSSL());
    }
}
