package dev.pdm.iiot.hivemq.security.auth;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import dev.pdm.iiot.hivemq.security.authz.Role;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who a connected client is, decided when it connected: its account, its MQTT roles and how it proved
 * it. Kept in the connection's attribute store, so that it lives and dies with the connection and
 * every check of a publish or subscription reads it from there.
 *
 * @param account the account's name (the certificate's common name for a certificate)
 * @param roles   its MQTT roles
 * @param method  how it authenticated
 */
public record Identity(String account, Set<Role> roles, Method method) {

    /** The connection attribute that holds it. */
    public static final String ATTRIBUTE = "pdm.security.identity";
    /** The account name of anonymous clients while anonymous readings are allowed. */
    public static final String ANONYMOUS = "anonymous";

    /** How a client authenticated. */
    public enum Method {
        PASSWORD, CERTIFICATE, ANONYMOUS
    }

    public Identity {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(method, "method");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** An anonymous client that may publish readings. */
    public static Identity anonymous() {
        return new Identity(ANONYMOUS, EnumSet.of(Role.ANONYMOUS_READINGS), Method.ANONYMOUS);
    }

    public boolean has(final Role role) {
        return roles.contains(role);
    }

    /** Stores it with the connection. */
    public void storeIn(final ConnectionAttributeStore store) {
        store.putAsString(ATTRIBUTE, method.name() + ' ' + account + ' '
                + roles.stream().map(Role::name).collect(Collectors.joining(",")));
    }

    /** The identity stored with the connection; empty for a connection this extension did not authenticate. */
    public static Optional<Identity> of(final ConnectionAttributeStore store) {
        return store.getAsString(ATTRIBUTE).map(Identity::parse);
    }

    static Identity parse(final String stored) {
        final String[] parts = stored.split(" ", 3);
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        if (parts.length == 3 && !parts[2].isEmpty()) {
            for (final String role : parts[2].split(",")) {
                roles.add(Role.valueOf(role));
            }
        }
        return new Identity(parts[1], roles, Method.valueOf(parts[0]));
    }
}
