package dev.pdm.iiot.connect.mqtt;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff between reconnection attempts: doubles from a minimum to a cap, with ±20 % jitter. */
public final class Backoff {

    private final long minMs;
    private final long maxMs;
    private long nextMs;

    public Backoff(final long minMs, final long maxMs) {
        if (minMs < 1 || maxMs < minMs) {
            throw new IllegalArgumentException("need 1 <= min <= max, got " + minMs + " and " + maxMs);
        }
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.nextMs = minMs;
    }

    /** The wait before the next attempt; every call doubles the one after, up to the cap. */
    public synchronized long next() {
        final long base = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        final double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.max(1, Math.min(maxMs, Math.round(base * jitter)));
    }

    /** After a success: the next wait is the minimum again. */
    public synchronized void reset() {
        nextMs = minMs;
    }
}
