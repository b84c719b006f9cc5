package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.json.JsonSerde;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertCommand;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.pdm.iiot.detector.streams.DetectorTopology.ALERTS_SINK;
import static dev.pdm.iiot.detector.streams.DetectorTopology.STATUS_EMITTER;

/**
 * Ack and clear commands of {@code alert-commands}. They are keyed by machine, like the telemetry,
 * so the command reaches the task that owns the alert. A command that changes nothing (an unknown
 * alert, one already cleared, a second ack) is ignored; an unreadable one is logged and skipped.
 */
final class AlertCommandProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(AlertCommandProcessor.class);

    private final MachineDetector detector;
    private final JsonSerde<AlertCommand> serde = EventSerdes.alertCommand();

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Alert> alerts;
    private KeyValueStore<String, MachineContext> machines;

    AlertCommandProcessor(final MachineDetector detector) {
        this.detector = detector;
    }

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        this.context = context;
        this.alerts = context.getStateStore(DetectorTopology.ALERT_STORE);
        this.machines = context.getStateStore(DetectorTopology.MACHINE_STORE);
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        final AlertCommand command;
        try {
            command = serde.deserialize(DetectorTopology.ALERT_COMMANDS_SOURCE, record.value());
        } catch (SerializationException e) {
            RejectLog.warnOnce(LOG, "alert-command", "unreadable alert command skipped: {}", e.getMessage());
            return;
        }
        if (command == null) {
            return;
        }
        final Alert alert = alerts.get(command.alertId());
        final Alert changed = detector.lifecycle().onCommand(alert, command);
        if (changed == null) {
            LOG.debug("alert command {} on {} changes nothing", command.action(), command.alertId());
            return;
        }
        alerts.put(changed.alertId(), changed);
        LOG.info("alert {} is now {} by {}", changed.alertId(), changed.status(), command.by());
        context.forward(TelemetryProcessor.output(record, changed), ALERTS_SINK);
        if (!changed.status().isOpen()) {
            final MachineContext machine = machines.get(changed.machineId());
            if (machine == null) {
                return;
            }
            detector.onClearedByPerson(machine, changed);
            machines.put(changed.machineId(), machine);
            context.forward(new Record<>(changed.machineId(), (Object) detector.status(machine), record.timestamp()),
                    STATUS_EMITTER);
        }
    }
}
