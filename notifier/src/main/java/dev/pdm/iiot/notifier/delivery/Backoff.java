package dev.pdm.iiot.notifier.delivery;

import java.time.Duration;

/**
 * Exponential backoff: {@code initial} after the first failed attempt, doubled after each further
 * one, at most {@code max}; after {@code maxAttempts} attempts the notification is given up.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and at least one attempt");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt, or null when it was the last. */
    public Duration after(final int attempts) {
        if (attempts >= maxAttempts) {
            return null;
        }
        final int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        final Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
