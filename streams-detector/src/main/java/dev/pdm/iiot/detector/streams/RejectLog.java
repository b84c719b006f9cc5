package dev.pdm.iiot.detector.streams;

import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Logs a kind of bad input once per process at WARN, and at DEBUG afterwards. */
final class RejectLog {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private RejectLog() {
    }

    static void warnOnce(final Logger log, final String kind, final String message, final Object... args) {
        if (SEEN.add(kind)) {
            log.warn(message + " (further ones of this kind are logged at DEBUG)", args);
        } else if (log.isDebugEnabled()) {
            log.debug(message, args);
        }
    }
}
