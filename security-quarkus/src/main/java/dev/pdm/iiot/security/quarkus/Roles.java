package dev.pdm.iiot.security.quarkus;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The roles of the platform's people and services in its web apps, and what each implies:
 * <ul>
 *   <li>{@value #VIEWER}: sees the plant: machines, models, readings, alerts, the live page;</li>
 *   <li>{@value #OPERATOR}: also acknowledges and clears alerts (implies viewer);</li>
 *   <li>{@value #ENGINEER}: also retrains models and changes settings (implies operator and viewer);</li>
 *   <li>{@value #DELEGATE}: a service that acts on behalf of the person signed in to it (the dashboard
 *       on the detector), naming that person with each command. It implies nothing else.</li>
 * </ul>
 * The same names in the users file and, with OIDC, in the token's {@code realm_access/roles}.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ENGINEER = "engineer";
    public static final String DELEGATE = "delegate";

    private Roles() {
    }

    /** The roles that the given ones imply and that are not among them already. */
    public static Set<String> impliedBy(final Set<String> roles) {
        final Set<String> implied = new LinkedHashSet<>();
        if (roles.contains(ENGINEER)) {
            implied.add(OPERATOR);
            implied.add(VIEWER);
        }
        if (roles.contains(OPERATOR)) {
            implied.add(VIEWER);
        }
        implied.removeAll(roles);
        return implied;
    }
}
