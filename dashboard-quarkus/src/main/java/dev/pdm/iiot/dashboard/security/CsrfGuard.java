package dev.pdm.iiot.dashboard.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) of a browser session, signed in by a
 * cookie (the login form's, or OIDC's), unless its {@value CsrfTokens#HEADER} header repeats the
 * session's {@value CsrfTokens#COOKIE} cookie: 403. A script that authenticates every request with
 * an {@code Authorization} header (Basic, Bearer) is not a session and needs no token, unless a
 * browser sends that header for a page of another site ({@code Sec-Fetch-Site: cross-site}, as it
 * does with Basic credentials it remembers).
 */
public class CsrfGuard {

    private static final Logger LOG = LoggerFactory.getLogger(CsrfGuard.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private final AtomicBoolean warned = new AtomicBoolean();

    @ServerRequestFilter
    public Optional<Response> check(final ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return Optional.empty();
        }
        final SecurityContext security = request.getSecurityContext();
        if (security == null || security.getUserPrincipal() == null) {
            return Optional.empty(); // not signed in: the roles refuse it
        }
        if (request.getHeaderString("Authorization") != null
                && !"cross-site".equalsIgnoreCase(request.getHeaderString("Sec-Fetch-Site"))) {
            return Optional.empty();
        }
        final Cookie cookie = request.getCookies().get(CsrfTokens.COOKIE);
        if (CsrfTokens.matches(cookie == null ? null : cookie.getValue(), request.getHeaderString(CsrfTokens.HEADER))) {
            return Optional.empty();
        }
        final String user = security.getUserPrincipal().getName();
        if (warned.compareAndSet(false, true)) {
            LOG.warn("refused {} {} of {}: no CSRF token matching the session's (logged once; then at DEBUG)",
                    request.getMethod(), request.getUriInfo().getPath(), user);
        } else {
            LOG.debug("refused {} {} of {}: no matching CSRF token", request.getMethod(),
                    request.getUriInfo().getPath(), user);
        }
        return Optional.of(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "a request of a browser session needs the " + CsrfTokens.HEADER
                        + " header of GET /api/session; reload the page"))
                .build());
    }
}
