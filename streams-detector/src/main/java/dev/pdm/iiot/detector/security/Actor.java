package dev.pdm.iiot.detector.security;

import dev.pdm.iiot.security.quarkus.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who gives a command (an ack, a clear, a retrain): the authenticated principal, never a name
 * typed into a request body. A service with the role {@value Roles#DELEGATE} (the dashboard, which
 * has signed its own user in) names that user in the {@value #ON_BEHALF_OF} header, and the command
 * records the user; from anyone else the header is ignored, so that nobody can act as somebody
 * else.
 */
public final class Actor {

    /** The header in which a delegate names the user it acts for. */
    public static final String ON_BEHALF_OF = "X-On-Behalf-Of";
    static final int MAX_NAME_LENGTH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(Actor.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Actor() {
    }

    /**
     * The name a command records.
     *
     * @param identity   the authenticated caller
     * @param onBehalfOf the {@value #ON_BEHALF_OF} header, or null
     * @throws BadRequestException when a delegate names nobody sensible (blank after trimming is
     *                             ignored; control characters or more than 128 characters are refused)
     */
    public static String of(final SecurityIdentity identity, final String onBehalfOf) {
        final String caller = identity.getPrincipal().getName();
        if (onBehalfOf == null || onBehalfOf.isBlank()) {
            return caller;
        }
        if (!identity.hasRole(Roles.DELEGATE)) {
            if (WARNED.size() < 1_000 && WARNED.add(caller)) {
                LOG.warn("{} sent {} without the role {}: the header is ignored, commands record {} itself",
                        caller, ON_BEHALF_OF, Roles.DELEGATE, caller);
            }
            return caller;
        }
        final String user = onBehalfOf.strip();
        if (user.length() > MAX_NAME_LENGTH || user.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException(ON_BEHALF_OF + " must name a user: at most " + MAX_NAME_LENGTH
                    + " characters, no control characters");
        }
        LOG.debug("{} acts on behalf of {}", caller, user);
        return user;
    }
}
