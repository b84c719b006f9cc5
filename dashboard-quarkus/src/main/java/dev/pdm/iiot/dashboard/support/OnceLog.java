package dev.pdm.iiot.dashboard.support;

import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a problem at WARN the first time each kind of it happens and at DEBUG afterwards, so that a
 * stream of bad records says so once instead of once per record. Counts live in the statistics.
 */
public final class OnceLog {

    private final Logger log;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public OnceLog(final Logger log) {
        this.log = log;
    }

    public void warn(final String kind, final String format, final Object... args) {
        if (seen.add(kind)) {
            log.warn(format + " (logged once for this kind; later ones at DEBUG)", args);
        } else if (log.isDebugEnabled()) {
            log.debug(format, args);
        }
    }
}
