package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.events.model.MachineStatus;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.pdm.iiot.detector.streams.DetectorTopology.STATUS_SINK;

/**
 * Publishes machine statuses to the compacted {@code machine-status} topic at most once per machine
 * and interval: every status the processors of the task hand it replaces the machine's pending one,
 * and a wall-clock punctuation sends the pending ones. {@code machine-status} keeps the latest status
 * per machine, and the latest is always sent; only intermediate ones are left out.
 *
 * <p>A status still pending when the task stops (a crash, a rebalance, a shutdown) was part of
 * committed state but never sent, so the first punctuation of a task sends the status of every
 * machine in its store, and the topic again holds each machine's latest. With a zero interval every
 * status is sent at once, as it is handed over.
 */
final class StatusEmitter implements Processor<String, MachineStatus, String, MachineStatus> {

    private final MachineDetector detector;
    private final Duration interval;
    private final Map<String, Record<String, MachineStatus>> pending = new LinkedHashMap<>();

    private ProcessorContext<String, MachineStatus> context;
    private KeyValueStore<String, MachineContext> machines;
    private boolean started;

    StatusEmitter(final MachineDetector detector, final Duration interval) {
        this.detector = detector;
        this.interval = interval;
    }

    @Override
    public void init(final ProcessorContext<String, MachineStatus> context) {
        this.context = context;
        this.machines = context.getStateStore(DetectorTopology.MACHINE_STORE);
        if (!interval.isZero()) {
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::emit);
        }
    }

    @Override
    public void process(final Record<String, MachineStatus> record) {
        if (interval.isZero()) {
            context.forward(record, STATUS_SINK);
        } else {
            pending.put(record.key(), record);
        }
    }

    private void emit(final long now) {
        if (!started) {
            started = true;
            pending.clear();
            try (KeyValueIterator<String, MachineContext> all = machines.all()) {
                while (all.hasNext()) {
                    final KeyValue<String, MachineContext> kv = all.next();
                    context.forward(new Record<>(kv.key, detector.status(kv.value), now), STATUS_SINK);
                }
            }
            return;
        }
        for (final Record<String, MachineStatus> r : pending.values()) {
            context.forward(r, STATUS_SINK);
        }
        pending.clear();
    }
}
