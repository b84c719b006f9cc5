package dev.pdm.iiot.simulator.mqtt;

import java.time.Duration;

/**
 * How long a client waits before it sends refused readings again: 200 ms after the first refusal,
 * doubling with each round that is refused again, at most 5 s, back to 200 ms once the broker
 * accepts a reading.
 *
 * <p>Each reading is stamped with the current {@link #round()} when the client decides to send it.
 * When the broker refuses every reading at once (Kafka down), the whole in-flight window comes back
 * refused: those readings carry the stamp of the round that the first of their refusals ends, so
 * they neither lengthen the wait nor start another. Only a refusal of a reading sent after that
 * (the next probe) does. Not thread-safe: the {@link Outbox} guards it.
 */
final class ResendBackoff {

    static final Duration INITIAL = Duration.ofMillis(200);
    static final Duration MAX = Duration.ofSeconds(5);

    private final long initialNanos;
    private final long maxNanos;
    private long nextDelayNanos;
    private long round;
    private long readyAtNanos;

    ResendBackoff(final Duration initial, final Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the back-off needs 0 < initial <= max, was " + initial + ", " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.nextDelayNanos = initialNanos;
    }

    static ResendBackoff defaults() {
        return new ResendBackoff(INITIAL, MAX);
    }

    /** The stamp for a reading about to be sent. */
    long round() {
        return round;
    }

    /**
     * A reading stamped {@code sentInRound} was refused, learnt at {@code nowNanos}.
     *
     * @return whether this refusal started a new round (and so a new wait)
     */
    boolean refused(final long sentInRound, final long nowNanos) {
        if (sentInRound < round) {
            return false;
        }
        round = sentInRound + 1;
        readyAtNanos = nowNanos + nextDelayNanos;
        nextDelayNanos = Math.min(maxNanos, nextDelayNanos * 2);
        return true;
    }

    /** The broker accepted (or answered for good) a reading: the next refusal waits the initial time again. */
    void accepted() {
        nextDelayNanos = initialNanos;
    }

    /** Whether readings must still wait at {@code nowNanos}. */
    boolean waiting(final long nowNanos) {
        return round > 0 && nowNanos - readyAtNanos < 0;
    }

    /** When the current wait ends (meaningful while {@link #waiting}). */
    long readyAtNanos() {
        return readyAtNanos;
    }

    /** The wait the next new round would get. */
    Duration nextDelay() {
        return Duration.ofNanos(nextDelayNanos);
    }
}
