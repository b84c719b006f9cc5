package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.scoring.FeatureVector;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.validation.ParseResult;
import dev.pdm.iiot.events.validation.ReadingParser;
import dev.pdm.iiot.events.validation.RejectReason;
import dev.pdm.iiot.events.validation.Rejection;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static dev.pdm.iiot.detector.streams.DetectorTopology.ALERTS_SINK;
import static dev.pdm.iiot.detector.streams.DetectorTopology.DLQ_SINK;
import static dev.pdm.iiot.detector.streams.DetectorTopology.MODELS_SINK;
import static dev.pdm.iiot.detector.streams.DetectorTopology.STATUS_EMITTER;

/**
 * Every reading of {@code machine-telemetry}: parse and validate it (rejects to the dead-letter
 * topic with their reason), drop duplicates, then let {@link MachineDetector} train, score and
 * alert, and keep what changed in the stores and on the output topics.
 */
final class TelemetryProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryProcessor.class);
    static final String REJECTED_BY = "streams-detector";

    private final MachineDetector detector;
    private final ReadingParser parser;
    private final DetectorMetrics metrics;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, MachineContext> machines;
    private TrainingRows training;
    private KeyValueStore<String, ModelDescriptor> descriptors;
    private KeyValueStore<String, Alert> alerts;
    private WindowStore<String, ScoredReading> readings;
    private StoredModels models;

    TelemetryProcessor(final MachineDetector detector, final ReadingParser parser, final DetectorMetrics metrics) {
        this.detector = detector;
        this.parser = parser;
        this.metrics = metrics;
    }

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        this.context = context;
        this.machines = context.getStateStore(DetectorTopology.MACHINE_STORE);
        this.training = new TrainingRows(context.getStateStore(DetectorTopology.TRAINING_STORE));
        this.descriptors = context.getStateStore(DetectorTopology.DESCRIPTOR_STORE);
        this.alerts = context.getStateStore(DetectorTopology.ALERT_STORE);
        this.readings = context.getStateStore(DetectorTopology.READINGS_STORE);
        this.models = new StoredModels(context.getStateStore(DetectorTopology.MODEL_STORE),
                detector.settings().modelCacheSize());
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        final String key = record.key();
        final Instant arrival = Instant.ofEpochMilli(record.timestamp());
        if (key == null) {
            reject(record, RejectReason.KEY_MISMATCH, "the record has no key; readings are keyed by machine id");
            return;
        }
        final ParseResult parsed = parser.parse(record.value(), arrival, key);
        if (!parsed.isAccepted()) {
            final Rejection r = parsed.rejection();
            reject(record, r.reason(), r.detail());
            return;
        }
        final TelemetryReading reading = parsed.reading();
        final String missing = FeatureVector.missing(reading, detector.settings().features());
        if (missing != null) {
            reject(record, RejectReason.MISSING_FIELD, "sensor " + missing + ", a feature of the detector, is missing");
            return;
        }

        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        MachineContext machine = machines.get(key);
        if (machine == null) {
            machine = MachineContext.initial(key);
        }
        if (detector.isDuplicate(machine, reading)) {
            LOG.debug("duplicate reading of {} ignored: seq {} at {}", key, reading.seq(), reading.timestamp());
            metrics.duplicate();
            final MachineStatus status = detector.onDuplicate(machine, now);
            machines.put(key, machine);
            context.forward(output(record, status), STATUS_EMITTER);
            return;
        }

        final TrainedModel model = machine.modelVersion == null ? null : models.get(key, machine.modelVersion);
        if (machine.modelVersion != null && model == null) {
            LOG.error("model {} of {} is missing from the model store; collecting readings for a new one",
                    machine.modelVersion, key);
            machine.modelVersion = null;
            detector.requestRetrain(machine, ModelDescriptor.Reason.REQUEST);
        }
        final Alert open = machine.openAlertId == null ? null : alerts.get(machine.openAlertId);

        final long started = System.nanoTime();
        final MachineDetector.Step step = detector.onReading(machine, training, model, open, reading, now);
        if (step.scored().score() != null) {
            metrics.scored(step.scored().anomaly(), System.nanoTime() - started);
        }

        if (step.trained() != null) {
            publishModel(record, step.trained());
        }
        if (step.alert() != null) {
            publishAlert(record, open, step.alert());
        }
        readings.put(key, step.scored(), record.timestamp());
        machines.put(key, machine);
        context.forward(output(record, step.status()), STATUS_EMITTER);
    }

    private void publishModel(final Record<String, byte[]> record, final TrainedModel model) {
        final long size = models.put(model, detector.settings().keepModelVersions());
        final ModelDescriptor descriptor = model.descriptor(size);
        descriptors.put(model.machineId(), descriptor);
        metrics.modelTrained(model.version(), size);
        LOG.info("trained model {} of {} ({}) on {} readings: threshold {}, {} bytes", model.version(),
                model.machineId(), model.reason(), model.samples(), model.threshold(), size);
        context.forward(output(record, descriptor), MODELS_SINK);
    }

    private void publishAlert(final Record<String, byte[]> record, final Alert open, final Alert alert) {
        final boolean raised = open == null || !open.alertId().equals(alert.alertId());
        alerts.put(alert.alertId(), alert);
        if (raised) {
            LOG.info("alert {} raised: {} score {} threshold {}", alert.alertId(), alert.severity(), alert.score(),
                    alert.threshold());
            pruneCleared(alert);
        } else if (!alert.status().isOpen()) {
            LOG.info("alert {} cleared after {} anomalous readings", alert.alertId(), alert.count());
        }
        metrics.alertChanged(alert, raised);
        context.forward(output(record, alert), ALERTS_SINK);
    }

    /** Keeps the newest {@code keepCleared} cleared alerts of the machine besides the open one. */
    private void pruneCleared(final Alert raised) {
        final long n = Long.parseLong(raised.alertId().substring(raised.alertId().lastIndexOf(':') + 1));
        final long drop = n - detector.settings().alerting().keepCleared() - 1;
        if (drop >= 1) {
            alerts.delete(dev.pdm.iiot.events.model.AlertIds.of(raised.machineId(), raised.type(), drop));
        }
    }

    private void reject(final Record<String, byte[]> record, final RejectReason reason, final String detail) {
        RejectLog.warnOnce(LOG, reason.name(), "reading rejected to the dead-letter topic: {} {}", reason, detail);
        metrics.rejected(reason);
        final Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, utf8(reason.name()));
        headers.add(DeadLetterHeaders.DETAIL, utf8(detail));
        headers.add(DeadLetterHeaders.REJECTED_BY, utf8(REJECTED_BY));
        headers.add(DeadLetterHeaders.REJECTED_AT, utf8(Instant.ofEpochMilli(context.currentSystemTimeMs()).toString()));
        final Optional<RecordMetadata> source = context.recordMetadata();
        source.ifPresent(m -> {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(m.topic()));
            headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(m.partition())));
            headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(m.offset())));
        });
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers), DLQ_SINK);
    }

    /** An output record: the machine's key, the input's timestamp, none of the input's headers. */
    static Record<String, Object> output(final Record<String, ?> input, final Object value) {
        return new Record<>(input.key(), value, input.timestamp(), new RecordHeaders());
    }

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
