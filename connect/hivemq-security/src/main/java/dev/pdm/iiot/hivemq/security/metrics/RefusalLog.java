package dev.pdm.iiot.hivemq.security.metrics;

import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a refusal at WARN the first time for each kind and account, then at DEBUG: a device that keeps
 * trying what it may not do is said once, not once per attempt. At most {@value #MAX_KEYS} pairs are
 * remembered (a client trying many names cannot fill the memory); beyond that, refusals go to DEBUG.
 */
public final class RefusalLog {

    static final int MAX_KEYS = 10_000;

    private final Logger log;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    public RefusalLog(final Logger log) {
        this.log = log;
    }

    /** Logs the message ({@code {}} placeholders) for this kind of refusal by this account. */
    public void refused(final String kind, final String account, final String message, final Object... arguments) {
        final String key = kind + ' ' + account;
        if (said.size() < MAX_KEYS && said.add(key)) {
            log.warn(message + " (said once per client account and kind; later ones at DEBUG)", arguments);
        } else {
            log.debug(message, arguments);
        }
    }

    /** A client-supplied name as it may be logged: at most 64 characters, no control characters. */
    public static String printable(final String name) {
        if (name == null) {
            return "(none)";
        }
        final StringBuilder text = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && text.length() < 64; i++) {
            final char c = name.charAt(i);
            text.append(Character.isISOControl(c) ? '?' : c);
        }
        return name.length() > 64 ? text + "…" : text.toString();
    }
}
