package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.json.JsonSerde;
import dev.pdm.iiot.events.model.MachineCommand;
import dev.pdm.iiot.events.model.ModelDescriptor;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.pdm.iiot.detector.streams.DetectorTopology.STATUS_EMITTER;

/**
 * Retrain requests of {@code machine-commands}: the machine collects its next N readings for a new
 * model while its current model keeps scoring.
 */
final class MachineCommandProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(MachineCommandProcessor.class);

    private final MachineDetector detector;
    private final JsonSerde<MachineCommand> serde = EventSerdes.machineCommand();

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, MachineContext> machines;
    private TrainingRows training;

    MachineCommandProcessor(final MachineDetector detector) {
        this.detector = detector;
    }

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        this.context = context;
        this.machines = context.getStateStore(DetectorTopology.MACHINE_STORE);
        this.training = new TrainingRows(context.getStateStore(DetectorTopology.TRAINING_STORE));
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        final MachineCommand command;
        try {
            command = serde.deserialize(DetectorTopology.MACHINE_COMMANDS_SOURCE, record.value());
        } catch (SerializationException e) {
            RejectLog.warnOnce(LOG, "machine-command", "unreadable machine command skipped: {}", e.getMessage());
            return;
        }
        if (command == null) {
            return;
        }
        final MachineContext machine = machines.get(command.machineId());
        if (machine == null) {
            LOG.debug("retrain of unknown machine {} ignored", command.machineId());
            return;
        }
        if (detector.requestRetrain(machine, ModelDescriptor.Reason.REQUEST)) {
            training.clear(command.machineId());
            machines.put(command.machineId(), machine);
            LOG.info("retraining {} on request of {}", command.machineId(), command.by());
            context.forward(TelemetryProcessor.output(record, detector.status(machine)), STATUS_EMITTER);
        }
    }
}
