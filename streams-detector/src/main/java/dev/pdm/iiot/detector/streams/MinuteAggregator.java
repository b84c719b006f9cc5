package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.model.ScoredReading;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The history's minute aggregates: a one-minute tumbling window per machine over the scored
 * readings, by reading time, with a grace period for late readings.
 *
 * <p>The task's stream time is the newest reading time it has seen, but never ahead of the wall
 * clock, so that one device whose clock runs fast does not make everybody else's readings late. A
 * minute is published once stream time has passed its end, and again at once whenever a late
 * reading within the grace period changes it (the history upserts, so the later record wins). A
 * reading older than its minute's end plus the grace period is left out and counted
 * ({@link DetectorMetrics#lateForHistory()}). Open minutes live in the
 * {@value DetectorTopology#MINUTE_STORE} under {@code <minute start, 13 digits>|<machine>}, so
 * that the ended ones are one range scan, done once per minute of stream time.
 */
final class MinuteAggregator implements Processor<String, ScoredReading, String, MinuteAggregate> {

    static final long MINUTE_MS = 60_000L;
    private static final Logger LOG = LoggerFactory.getLogger(MinuteAggregator.class);

    private final long graceMs;
    private final DetectorMetrics metrics;
    private ProcessorContext<String, MinuteAggregate> context;
    private KeyValueStore<String, MinuteState> minutes;
    private long streamTime = Long.MIN_VALUE;
    private long sweptUpTo = Long.MIN_VALUE;

    MinuteAggregator(final Duration grace, final DetectorMetrics metrics) {
        this.graceMs = grace.toMillis();
        this.metrics = metrics;
    }

    @Override
    public void init(final ProcessorContext<String, MinuteAggregate> context) {
        this.context = context;
        this.minutes = context.getStateStore(DetectorTopology.MINUTE_STORE);
    }

    @Override
    public void process(final Record<String, ScoredReading> record) {
        final String machine = record.value().reading().machineId();
        final long time = record.value().reading().timestamp().toEpochMilli();
        streamTime = Math.max(streamTime, Math.min(time, context.currentSystemTimeMs()));
        final long start = Math.floorDiv(time, MINUTE_MS) * MINUTE_MS;
        if (start + MINUTE_MS + graceMs <= streamTime) {
            metrics.lateForHistory();
            RejectLog.warnOnce(LOG, "late-for-history", "reading of {} at {} is later than the grace period of {} ms "
                    + "after its minute; left out of the minute aggregates", machine, Instant.ofEpochMilli(time), graceMs);
            return;
        }
        final String key = key(start, machine);
        MinuteState state = minutes.get(key);
        if (state == null) {
            state = new MinuteState();
        }
        state.add(record.value());
        if (state.emitted) {
            forward(machine, start, state);
        }
        minutes.put(key, state);
        sweep();
    }

    /** Publishes the minutes that ended and forgets those past their grace period. */
    private void sweep() {
        final long currentMinute = Math.floorDiv(streamTime, MINUTE_MS) * MINUTE_MS;
        if (currentMinute <= sweptUpTo) {
            return;
        }
        sweptUpTo = currentMinute;
        final List<KeyValue<String, MinuteState>> ended = new ArrayList<>();
        try (KeyValueIterator<String, MinuteState> it = minutes.range(pad(0), pad(currentMinute))) {
            while (it.hasNext()) {
                ended.add(it.next());
            }
        }
        for (final KeyValue<String, MinuteState> kv : ended) {
            final long start = Long.parseLong(kv.key.substring(0, 13));
            if (start >= currentMinute) {
                continue;
            }
            final String machine = kv.key.substring(14);
            final boolean publish = !kv.value.emitted;
            if (publish) {
                kv.value.emitted = true;
                forward(machine, start, kv.value);
            }
            if (start + MINUTE_MS + graceMs <= streamTime) {
                minutes.delete(kv.key);
            } else if (publish) {
                minutes.put(kv.key, kv.value);
            }
        }
    }

    private void forward(final String machine, final long start, final MinuteState state) {
        context.forward(new Record<>(machine, state.toAggregate(machine, Instant.ofEpochMilli(start)),
                start + MINUTE_MS - 1));
    }

    static String key(final long minuteStart, final String machine) {
        return pad(minuteStart) + '|' + machine;
    }

    private static String pad(final long millis) {
        final String digits = Long.toString(Math.max(0, millis));
        return "0".repeat(Math.max(0, 13 - digits.length())) + digits;
    }
}
