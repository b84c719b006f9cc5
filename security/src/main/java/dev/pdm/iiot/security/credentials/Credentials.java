package dev.pdm.iiot.security.credentials;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The accounts of one credentials file, by name; immutable. */
public final class Credentials {

    private static final Credentials NONE = new Credentials(Map.of());

    private final Map<String, Credential> byName;

    private Credentials(final Map<String, Credential> byName) {
        this.byName = byName;
    }

    public static Credentials none() {
        return NONE;
    }

    public static Credentials of(final Collection<Credential> accounts) {
        final Map<String, Credential> byName = new LinkedHashMap<>();
        for (final Credential account : accounts) {
            if (byName.putIfAbsent(account.name(), account) != null) {
                throw new IllegalArgumentException("the account " + account.name() + " is there twice");
            }
        }
        return new Credentials(Collections.unmodifiableMap(byName));
    }

    public Optional<Credential> find(final String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The account if the password is its own. An unknown name costs as much as a wrong password, so
     * that the time of an answer does not tell which accounts exist.
     */
    public Optional<Credential> authenticate(final String name, final char[] password) {
        Objects.requireNonNull(password, "password");
        final Credential account = name == null ? null : byName.get(name);
        if (account == null) {
            DecoyHash.INSTANCE.matches(password);
            return Optional.empty();
        }
        return account.hash().matches(password) ? Optional.of(account) : Optional.empty();
    }

    /** The same accounts with this one added or replaced. */
    public Credentials with(final Credential account) {
        final Map<String, Credential> changed = new LinkedHashMap<>(byName);
        changed.put(account.name(), account);
        return new Credentials(Collections.unmodifiableMap(changed));
    }

    /** The same accounts without this one. */
    public Credentials without(final String name) {
        final Map<String, Credential> changed = new LinkedHashMap<>(byName);
        changed.remove(name);
        return new Credentials(Collections.unmodifiableMap(changed));
    }

    public Collection<Credential> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** A hash of no one's password, checked for unknown names. */
    private static final class DecoyHash {
        static final PasswordHash INSTANCE = PasswordHash.of("no account has this password".toCharArray());
    }
}
