package dev.pdm.iiot.hivemq.security.authz;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an MQTT account may do, by the roles of its line in the credentials file. An account may have
 * several; roles of other systems in the same file (the web apps') mean nothing here. The README's
 * roles table says which topics each may publish and subscribe to.
 */
public enum Role {
    /** A machine: publishes its own readings only, on the readings topic named after its account. */
    DEVICE,
    /** A gateway or the simulator: publishes readings of any machine over one connection. */
    GATEWAY,
    /** A consumer of the prototype's alerts: subscribes to the alerts topics only. */
    ALERT_CONSUMER,
    /** The Kafka Connect worker: subscribes to every machine's readings (also shared), publishes alerts. */
    CONNECT,
    /** A person or tool watching the plant: subscribes to everything under the plant's topics, publishes nothing. */
    OPERATOR,
    /**
     * An anonymous client while anonymous readings are allowed: publishes readings of any machine,
     * subscribes to nothing. Never in a credentials file.
     */
    ANONYMOUS_READINGS;

    /** The role's name in a credentials file: {@code device}, {@code alert-consumer}, … */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The MQTT roles among an account's roles; others are ignored. */
    public static Set<Role> of(final Collection<String> names) {
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        for (final Role role : values()) {
            if (role != ANONYMOUS_READINGS && names.contains(role.fileName())) {
                roles.add(role);
            }
        }
        return roles;
    }
}
