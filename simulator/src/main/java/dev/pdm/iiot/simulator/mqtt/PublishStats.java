package dev.pdm.iiot.simulator.mqtt;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the publisher did: messages handed to MQTT, acknowledged, failed, and the latency from
 * publish to PUBACK in microseconds. Failures are counted by reason and logged once per reason.
 * Thread-safe.
 */
public final class PublishStats {

    private static final Logger LOG = LoggerFactory.getLogger(PublishStats.class);
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final LongAdder published = new LongAdder();
    private final LongAdder buffered = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder unconfirmed = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Recorder latency = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);

    void published(final boolean offline) {
        published.increment();
        if (offline) {
            buffered.increment();
        }
    }

    void acked(final long latencyNanos) {
        acked.increment();
        latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latencyNanos / 1000)));
    }

    void failed(final String reason, final Throwable cause) {
        failed.increment();
        failures.computeIfAbsent(reason, r -> {
            LOG.warn("publishing failed: {} (logged once; every failure is counted)", r, cause);
            return new LongAdder();
        }).increment();
    }

    void lostInFlight() {
        unconfirmed.increment();
    }

    /** Messages handed to the MQTT client, including those buffered while offline. */
    public long published() {
        return published.sum();
    }

    /** Of those, how many were handed over while the client was disconnected. */
    public long bufferedWhileOffline() {
        return buffered.sum();
    }

    /** Messages the broker acknowledged (PUBACK). */
    public long acked() {
        return acked.sum();
    }

    /** Messages that will not be delivered: buffer full, rejected by the broker, client closed. */
    public long failed() {
        return failed.sum();
    }

    /**
     * Messages in flight when the connection was lost: Paho keeps them in the session and sends
     * them again after the reconnect, but no longer reports their acknowledgement. Neither
     * acknowledged nor failed; a subscriber counts them (and may see them twice).
     */
    public long unconfirmed() {
        return unconfirmed.sum();
    }

    /** Published, neither acknowledged, failed nor unconfirmed yet. */
    public long inFlight() {
        return Math.max(0, published() - acked() - failed() - unconfirmed());
    }

    /** Failure counts by reason. */
    public Map<String, Long> failuresByReason() {
        final Map<String, Long> copy = new TreeMap<>();
        failures.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /**
     * The latencies recorded since the previous call (microseconds); they are also added to
     * {@link #totalLatency()}.
     */
    public synchronized Histogram intervalLatency() {
        final Histogram interval = latency.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    /** Forgets the latencies recorded so far, e.g. at the end of a warm-up. */
    public synchronized void resetLatency() {
        latency.getIntervalHistogram();
        total.reset();
    }

    /** Every latency recorded up to the last {@link #intervalLatency()} call (microseconds), as a copy. */
    public synchronized Histogram totalLatency() {
        intervalLatency();
        return total.copy();
    }
}
