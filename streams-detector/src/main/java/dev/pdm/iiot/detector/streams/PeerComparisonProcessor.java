package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.watch.PeerComparison;
import dev.pdm.iiot.events.model.Alert;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;

import static dev.pdm.iiot.detector.streams.DetectorTopology.STATUS_EMITTER;

/**
 * The group's answer to a machine's levels, back in the machine's task: its peer watch judges it,
 * and a raised, updated or cleared {@code PEER_DEVIATION} alert is kept like every other alert.
 */
final class PeerComparisonProcessor implements Processor<String, PeerComparison, String, Object> {

    private final MachineDetector detector;
    private final DetectorMetrics metrics;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, MachineContext> machines;
    private AlertWriter alerts;

    PeerComparisonProcessor(final MachineDetector detector, final DetectorMetrics metrics) {
        this.detector = detector;
        this.metrics = metrics;
    }

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        this.context = context;
        this.machines = context.getStateStore(DetectorTopology.MACHINE_STORE);
        this.alerts = new AlertWriter(context.getStateStore(DetectorTopology.ALERT_STORE), context, metrics,
                detector.settings().alerting().keepCleared());
    }

    @Override
    public void process(final Record<String, PeerComparison> record) {
        final PeerComparison c = record.value();
        if (c == null || record.key() == null) {
            return;
        }
        final MachineContext machine = machines.get(record.key());
        if (machine == null) {
            return;
        }
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final boolean wasWatching = detector.watches().watching(machine.watches());
        final Alert alert = detector.watches().onComparison(machine.watches(), c, detector.settings().features(), now,
                alerts::get);
        if (alert != null) {
            alerts.write(alert, record.timestamp());
        }
        machines.put(record.key(), machine);
        if (alert != null || wasWatching != detector.watches().watching(machine.watches())) {
            context.forward(new Record<>(record.key(), (Object) detector.status(machine), record.timestamp()),
                    STATUS_EMITTER);
        }
    }
}
