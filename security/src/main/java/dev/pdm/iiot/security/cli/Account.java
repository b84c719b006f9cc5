package dev.pdm.iiot.security.cli;

import java.util.Objects;
import java.util.Set;

/**
 * An account of a credentials file as it may be shown: its name and roles, never its hash.
 *
 * @param name  the account
 * @param roles its roles
 */
public record Account(String name, Set<String> roles) {

    public Account {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }
}
