package dev.pdm.iiot.dashboard.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /api/session}: who is signed in, with which roles (the implied ones included), and the
 * CSRF token the page sends with its state-changing requests; sets the token's cookie when the
 * browser has none yet. The page shows the user and offers ack and clear only to an operator.
 */
@Path("/api/session")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** The page's way out: ends the session (the form's cookie, or OIDC's with the provider's logout). */
    public static final String SIGN_OUT = "/logout";

    private final SecurityIdentity identity;

    @Inject
    public SessionResource(final SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public Response session(@CookieParam(CsrfTokens.COOKIE) final String existing, @Context final UriInfo uri) {
        final boolean fresh = !CsrfTokens.wellFormed(existing);
        final String token = fresh ? CsrfTokens.newToken() : existing;
        final Response.ResponseBuilder answer = Response.ok(new Session(identity.getPrincipal().getName(),
                List.copyOf(new TreeSet<>(identity.getRoles())), token, SIGN_OUT));
        if (fresh) {
            answer.cookie(new NewCookie.Builder(CsrfTokens.COOKIE).value(token).path("/").httpOnly(true)
                    .secure("https".equals(uri.getRequestUri().getScheme()))
                    .sameSite(NewCookie.SameSite.STRICT).build());
        }
        return answer.header("Cache-Control", "no-store").build();
    }

    /**
     * The signed-in user.
     *
     * @param user      the principal's name: what ack and clear record
     * @param roles     every role, the implied ones included
     * @param csrfToken to send in the {@value CsrfTokens#HEADER} header of POST requests
     * @param signOut   where to go to sign out
     */
    public record Session(@JsonProperty("user") String user, @JsonProperty("roles") List<String> roles,
                          @JsonProperty("csrf_token") String csrfToken, @JsonProperty("sign_out") String signOut) {
    }
}
