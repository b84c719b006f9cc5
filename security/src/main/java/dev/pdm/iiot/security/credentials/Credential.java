package dev.pdm.iiot.security.credentials;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One account of a credentials file: its name, its roles and the hash of its password.
 *
 * @param name  the account: a device's machine id, a service or a person; {@code [A-Za-z0-9_.@-]{1,64}}
 * @param roles what it may do, e.g. {@code device} or {@code operator}; {@code [a-z][a-z0-9-]*} each
 * @param hash  the salted hash of its password
 */
public record Credential(String name, Set<String> roles, PasswordHash hash) {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    public static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public Credential {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(hash, "hash");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an account name must match " + NAME.pattern() + ", was '" + name + "'");
        }
        for (final String role : roles) {
            if (!ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("a role must match " + ROLE.pattern() + ", was '" + role + "'");
            }
        }
        roles = Set.copyOf(new TreeSet<>(roles));
    }

    public boolean hasRole(final String role) {
        return roles.contains(role);
    }

    /** The file's line: {@code NAME:ROLE,ROLE:HASH}. */
    String line() {
        return name + ':' + String.join(",", new TreeSet<>(roles)) + ':' + hash.encoded();
    }
}
