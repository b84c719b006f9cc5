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
 * What the publisher did: readings published, acknowledged, refused by the broker and sent again,
 * rejected as invalid, failed, and the latency from publish to the accepting PUBACK in
 * microseconds. Refusals and rejections are counted by reason code and logged once per code;
 * failures are counted by reason and logged once per reason. Thread-safe.
 */
public final class PublishStats {

    private static final Logger LOG = LoggerFactory.getLogger(PublishStats.class);
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final LongAdder published = new LongAdder();
    private final LongAdder buffered = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
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

    void refused(final int reasonCode, final String reasonString) {
        refused.increment();
        refusals.computeIfAbsent(PubackOutcome.describe(reasonCode), code -> {
            LOG.warn("the broker refused a reading with {}{}; it is published again after a back-off"
                    + " (logged once per code; every refusal is counted)", code, quoted(reasonString));
            return new LongAdder();
        }).increment();
    }

    void rejected(final int reasonCode, final String reasonString) {
        rejected.increment();
        rejections.computeIfAbsent(PubackOutcome.describe(reasonCode), code -> {
            LOG.warn("the broker rejected a reading as {}{}; it is not published again"
                    + " (logged once per code; every rejection is counted)", code, quoted(reasonString));
            return new LongAdder();
        }).increment();
    }

    private static String quoted(final String reasonString) {
        return reasonString == null || reasonString.isEmpty() ? "" : ": \"" + reasonString + "\"";
    }

    void failed(final String reason, final Throwable cause) {
        failed.increment();
        failures.computeIfAbsent(reason, r -> {
            LOG.warn("publishing failed: {} (logged once; every failure is counted)", r, cause);
            return new LongAdder();
        }).increment();
    }

    /** Readings handed to the publisher, each once: sent, buffered while offline or queued to be sent again. */
    public long published() {
        return published.sum();
    }

    /** Of those, how many were handed over while the client was disconnected. */
    public long bufferedWhileOffline() {
        return buffered.sum();
    }

    /** Readings the broker accepted (a PUBACK with a success code), each counted once. */
    public long acked() {
        return acked.sum();
    }

    /**
     * Refusals: PUBACKs with a failure code that asks for the reading again (Kafka unavailable, a
     * quota), after which it is published again. A reading refused three times counts three.
     */
    public long refused() {
        return refused.sum();
    }

    /** Readings the broker rejected as invalid ({@code PAYLOAD_FORMAT_INVALID}): not published again. */
    public long rejected() {
        return rejected.sum();
    }

    /**
     * Readings given up: refused for good by the broker (not authorized, invalid topic), a full
     * offline buffer or resend queue, still waiting to be sent again when the publisher closed.
     */
    public long failed() {
        return failed.sum();
    }

    /** Published, neither acknowledged, rejected nor failed yet (waiting to be sent again included). */
    public long inFlight() {
        return Math.max(0, published() - acked() - rejected() - failed());
    }

    /** Refusal counts by reason code. */
    public Map<String, Long> refusalsByReason() {
        return copy(refusals);
    }

    /** Rejection counts by reason code. */
    public Map<String, Long> rejectionsByReason() {
        return copy(rejections);
    }

    /** Failure counts by reason. */
    public Map<String, Long> failuresByReason() {
        return copy(failures);
    }

    private static Map<String, Long> copy(final Map<String, LongAdder> counts) {
        final Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
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
