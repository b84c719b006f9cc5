package dev.pdm.iiot.dashboard.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * The page is never cached: it is served only to a signed-in user, and a copy kept by the browser
 * would be shown after the sign-out, or loop between itself and the login once the session has
 * ended. Quarkus serves static files with a day's caching; for the page's paths the answer says
 * {@code no-store} instead (set when the headers are written, after the file handler's).
 */
@ApplicationScoped
public class PageCaching {

    static final Set<String> PAGE = Set.of("/", "/index.html", "/app.js", "/alerts.html", "/alerts.js",
            "/report.html", "/report.js", "/history.js");
    /** Early, so that its end-of-headers hook is in place for every answer. */
    static final int PRIORITY = 400;

    void register(@Observes final Filters filters) {
        filters.register(routing -> {
            if (PAGE.contains(routing.normalizedPath())) {
                routing.addHeadersEndHandler(end -> {
                    routing.response().headers().set("Cache-Control", "no-store");
                    routing.response().headers().remove("Last-Modified");
                    routing.response().headers().remove("ETag");
                });
            }
            routing.next();
        }, PRIORITY);
    }
}
