package dev.pdm.iiot.dashboard.stats;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.events.model.MachineStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the dashboard read from Kafka since it started: records, undecodable ones, dead letters (the
 * readings the platform rejected), and the rate at which the detector accepts readings, from the
 * growth of the machines' reading counts in their statuses.
 */
@ApplicationScoped
public class IngestCounters {

    /** Distinct dead-letter reasons counted by name; further ones are counted as {@code OTHER}. */
    public static final int MAX_REASONS = 64;

    /**
     * How long after a second the readings accepted in it are complete: the detector publishes a
     * machine's status at most once a second, up to a second after it accepted the readings the
     * status counts, and the rate leaves out the seconds whose statuses may still be on their way.
     */
    public static final Duration SETTLE = Duration.ofSeconds(2);

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

    /**
     * Readings the detector accepted for one machine since its previous status: the growth of the
     * status's reading count.
     *
     * @param previous     the machine's previous status, or null when it had none (nothing is counted)
     * @param current      its new status
     * @param atEpochMillis when the detector accepted the newest of them (the status's {@code updated_at})
     */
    public void statusApplied(final MachineStatus previous, final MachineStatus current, final long atEpochMillis) {
        if (previous != null && current != null && current.readings() > previous.readings()) {
            readingRate.record(atEpochMillis, current.readings() - previous.readings());
        }
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

    /** Readings the detector accepted per second over the rate window, ending {@link #SETTLE} before now. */
    public double readingsPerSecond(final long nowEpochMillis) {
        return readingRate.perSecond(nowEpochMillis - SETTLE.toMillis());
    }
}
