package dev.pdm.iiot.dashboard.stats;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the dashboard read from Kafka since it started: records, rejections, dead letters. */
@ApplicationScoped
public class IngestCounters {

    /** Distinct dead-letter reasons counted by name; further ones are counted as {@code OTHER}. */
    public static final int MAX_REASONS = 64;

    private final LongAdder readings = new LongAdder();
    private final LongAdder readingsRejected = new LongAdder();
    private final LongAdder statusRecords = new LongAdder();
    private final LongAdder alertRecords = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final Map<String, LongAdder> deadLettersByReason = new ConcurrentHashMap<>();
    private final RateWindow readingRate;

    @Inject
    public IngestCounters(final DashboardConfig config) {
        this(config.statistics().rateWindow());
    }

    public IngestCounters(final Duration rateWindow) {
        this.readingRate = new RateWindow(rateWindow);
    }

    public void reading(final long epochMillis) {
        readings.increment();
        readingRate.record(epochMillis, 1);
    }

    public void readingRejected() {
        readingsRejected.increment();
    }

    public void status() {
        statusRecords.increment();
    }

    public void alert() {
        alertRecords.increment();
    }

    /** A status or alert record that is not the contract's JSON. */
    public void undecodable() {
        undecodable.increment();
    }

    public void deadLetter(final String reason) {
        deadLetters.increment();
        String key = reason == null ? "UNKNOWN" : reason;
        if (!deadLettersByReason.containsKey(key) && deadLettersByReason.size() >= MAX_REASONS) {
            key = "OTHER";
        }
        deadLettersByReason.computeIfAbsent(key, r -> new LongAdder()).increment();
    }

    public long readings() {
        return readings.sum();
    }

    public long readingsRejected() {
        return readingsRejected.sum();
    }

    public long statusRecords() {
        return statusRecords.sum();
    }

    public long alertRecords() {
        return alertRecords.sum();
    }

    public long undecodableRecords() {
        return undecodable.sum();
    }

    public long deadLetters() {
        return deadLetters.sum();
    }

    public Map<String, Long> deadLettersByReason() {
        final Map<String, Long> copy = new TreeMap<>();
        deadLettersByReason.forEach((reason, n) -> copy.put(reason, n.sum()));
        return copy;
    }

    public double readingsPerSecond(final long nowEpochMillis) {
        return readingRate.perSecond(nowEpochMillis);
    }
}
