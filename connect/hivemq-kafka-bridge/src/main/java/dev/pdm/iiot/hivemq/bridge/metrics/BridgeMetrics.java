package dev.pdm.iiot.hivemq.bridge.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import dev.pdm.iiot.events.validation.RejectReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the bridge did, in HiveMQ's metric registry (so on HiveMQ's JMX and in whatever reporter the
 * broker runs, e.g. HiveMQ's Prometheus extension), every name under {@value #PREFIX}:
 *
 * <ul>
 *   <li>{@code forwarded}: readings Kafka stored on the readings topic, then acknowledged to the device;</li>
 *   <li>{@code dead-lettered}: rejected messages Kafka stored on the dead-letter topic, and
 *       {@code rejected.<REASON>} per reason;</li>
 *   <li>{@code refused.kafka-unavailable}, {@code refused.kafka-error}, {@code refused.timeout}: messages not
 *       acknowledged (the device resends them) because Kafka was unreachable, failed the write, or did not
 *       answer within the timeout; {@code refused} is their sum;</li>
 *   <li>{@code in-flight}: messages waiting for Kafka now;</li>
 *   <li>{@code kafka.available}: 1 while Kafka takes writes, 0 while the bridge refuses readings;</li>
 *   <li>{@code kafka.send-latency-micros}: from the send to Kafka's answer, last minute.</li>
 * </ul>
 */
public final class BridgeMetrics {

    public static final String PREFIX = "pdm.kafka-bridge.";

    private final MetricRegistry registry;
    private final Counter forwarded;
    private final Counter deadLettered;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter refused;
    private final Counter refusedUnavailable;
    private final Counter refusedError;
    private final Counter refusedTimeout;
    private final Histogram sendLatency;
    private final AtomicInteger inFlight = new AtomicInteger();

    public BridgeMetrics(final MetricRegistry registry, final BooleanSupplier kafkaAvailable) {
        this.registry = registry;
        forwarded = registry.counter(PREFIX + "forwarded");
        deadLettered = registry.counter(PREFIX + "dead-lettered");
        for (final RejectReason reason : RejectReason.values()) {
            rejected.put(reason, registry.counter(PREFIX + "rejected." + reason.name()));
        }
        refused = registry.counter(PREFIX + "refused");
        refusedUnavailable = registry.counter(PREFIX + "refused.kafka-unavailable");
        refusedError = registry.counter(PREFIX + "refused.kafka-error");
        refusedTimeout = registry.counter(PREFIX + "refused.timeout");
        sendLatency = registry.histogram(PREFIX + "kafka.send-latency-micros",
                () -> new Histogram(new SlidingTimeWindowArrayReservoir(1, TimeUnit.MINUTES)));
        registry.gauge(PREFIX + "in-flight", () -> inFlight::get);
        registry.gauge(PREFIX + "kafka.available", () -> () -> kafkaAvailable.getAsBoolean() ? 1 : 0);
    }

    /** Removes this bridge's metrics from the registry (the broker's outlives the extension). */
    public void unregister() {
        registry.removeMatching((name, metric) -> name.startsWith(PREFIX));
    }

    public void sending() {
        inFlight.incrementAndGet();
    }

    /** Kafka answered a send, after this many nanoseconds. */
    public void answered(final long nanos) {
        inFlight.decrementAndGet();
        sendLatency.update(TimeUnit.NANOSECONDS.toMicros(nanos));
    }

    public void forwarded() {
        forwarded.inc();
    }

    public void deadLettered(final RejectReason reason) {
        deadLettered.inc();
        rejected.get(reason).inc();
    }

    public void refusedUnavailable() {
        refused.inc();
        refusedUnavailable.inc();
    }

    public void refusedError() {
        refused.inc();
        refusedError.inc();
    }

    public void refusedTimeout() {
        refused.inc();
        refusedTimeout.inc();
    }

    public long forwardedCount() {
        return forwarded.getCount();
    }

    public long deadLetteredCount() {
        return deadLettered.getCount();
    }

    public long rejectedCount(final RejectReason reason) {
        return rejected.get(reason).getCount();
    }

    public long refusedCount() {
        return refused.getCount();
    }

    public long refusedTimeoutCount() {
        return refusedTimeout.getCount();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Send latency in microseconds over the last minute. */
    public Histogram sendLatency() {
        return sendLatency;
    }
}
