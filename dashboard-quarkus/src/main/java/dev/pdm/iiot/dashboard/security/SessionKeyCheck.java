package dev.pdm.iiot.dashboard.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Says at start whether browser sessions outlive this process. A form login's session is a cookie
 * encrypted with {@code quarkus.http.auth.session.encryption-key}; without one, Quarkus makes a
 * key for this start only (and would print it: application.properties keeps that line out of the
 * log), so every restart signs everybody out and instances behind one load balancer refuse each
 * other's sessions. The key itself is never logged.
 */
@ApplicationScoped
public class SessionKeyCheck {

    static final int MIN_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SessionKeyCheck.class);

    private final Optional<String> key;

    public SessionKeyCheck(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") final Optional<String> key) {
        this.key = key;
    }

    void onStart(@Observes final StartupEvent event) {
        final String problem = problem(key);
        if (problem != null) {
            LOG.warn(problem);
        }
    }

    /** What is wrong with the key, or null. */
    static String problem(final Optional<String> key) {
        if (key.isEmpty() || key.get().isBlank()) {
            return "quarkus.http.auth.session.encryption-key is not set: the session key was generated for this "
                    + "start, so a restart signs everybody out and other instances refuse these sessions; set it "
                    + "(QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY, " + MIN_LENGTH + " or more random characters)";
        }
        if (key.get().length() < MIN_LENGTH) {
            return "quarkus.http.auth.session.encryption-key has " + key.get().length() + " characters: use "
                    + MIN_LENGTH + " or more random ones";
        }
        return null;
    }
}
