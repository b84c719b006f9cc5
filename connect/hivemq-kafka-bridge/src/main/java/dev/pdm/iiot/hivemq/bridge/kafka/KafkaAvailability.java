package dev.pdm.iiot.hivemq.bridge.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether Kafka takes writes, as the bridge last saw it. While it does not, waiting for every
 * reading's own timeout would hold each device's next reading for that long (HiveMQ hands a client's
 * publishes to the extension one at a time), so readings are refused at once and the devices resend
 * them later; one reading per retry interval is still sent, and the first that Kafka stores ends
 * the outage. Thread-safe, lock-free.
 */
public final class KafkaAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAvailability.class);
    private static final long AVAILABLE = Long.MIN_VALUE;

    private final long retryNanos;
    private final LongSupplier nanoTime;
    /** {@link #AVAILABLE}, or the nano time from which the next trial send may go. */
    private final AtomicLong nextTrial = new AtomicLong(AVAILABLE);
    private final AtomicLong unavailableSince = new AtomicLong();
    private final AtomicLong refusedDuringOutage = new AtomicLong();

    public KafkaAvailability(final Duration retry) {
        this(retry, System::nanoTime);
    }

    /** With a clock of the caller's (nanoseconds, as {@link System#nanoTime()}). */
    public KafkaAvailability(final Duration retry, final LongSupplier nanoTime) {
        this.retryNanos = retry.toNanos();
        this.nanoTime = nanoTime;
    }

    public boolean isAvailable() {
        return nextTrial.get() == AVAILABLE;
    }

    /**
     * Whether a reading may be sent now: always while Kafka is available; during an outage only the
     * first one asking after each retry interval.
     */
    public boolean trySend() {
        final long next = nextTrial.get();
        if (next == AVAILABLE) {
            return true;
        }
        final long now = nanoTime.getAsLong();
        if (now - next >= 0 && nextTrial.compareAndSet(next, now + retryNanos)) {
            return true;
        }
        refusedDuringOutage.incrementAndGet();
        return false;
    }

    /** Kafka stored a record: the outage, if there was one, is over. */
    public void stored() {
        final long next = nextTrial.get();
        if (next != AVAILABLE && nextTrial.compareAndSet(next, AVAILABLE)) {
            LOG.info("Kafka takes writes again after {} s; {} readings were refused meanwhile (their devices send "
                            + "them again)", Duration.ofNanos(nanoTime.getAsLong() - unavailableSince.get()).toSeconds(),
                    refusedDuringOutage.getAndSet(0));
        }
    }

    /** A write failed in a way that says Kafka is unreachable or unwell: refuse readings until one is stored. */
    public void unavailable(final Throwable cause) {
        final long now = nanoTime.getAsLong();
        if (nextTrial.compareAndSet(AVAILABLE, now + retryNanos)) {
            unavailableSince.set(now);
            LOG.warn("Kafka does not take writes ({}): refusing readings, so that devices send them again, and "
                    + "trying one every {} ms until Kafka stores it", cause.toString(),
                    Duration.ofNanos(retryNanos).toMillis());
        }
    }
}
