package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.scoring.FeatureVector;
import dev.pdm.iiot.detector.scoring.ForestState;
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
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.pdm.iiot.detector.streams.DetectorTopology.DLQ_SINK;
import static dev.pdm.iiot.detector.streams.DetectorTopology.MINUTE_AGGREGATOR;
import static dev.pdm.iiot.detector.streams.DetectorTopology.MODELS_SINK;
import static dev.pdm.iiot.detector.streams.DetectorTopology.PEER_LEVELS_SINK;
import static dev.pdm.iiot.detector.streams.DetectorTopology.STATUS_EMITTER;

/**
 * Every reading of {@code machine-telemetry}: parse and validate it (rejects to the dead-letter
 * topic with their reason), drop duplicates, then let {@link MachineDetector} train, score and
 * alert, and keep what changed in the stores and on the output topics. A reading the detector
 * fails on (a defect) goes to the dead-letter topic as {@code PROCESSING_FAILED} with the exception,
 * and the machine's state is not written: one bad reading does not stop its partition. Kafka
 * Streams' own exceptions and the clients' (a task migrated, a store or producer failing) go on to
 * Kafka Streams, whose business they are.
 *
 * <p>It also watches the wall clock for machines that fall silent: it keeps, for the machines of
 * its task, when each counts as silent, and a punctuation every {@code silence.check-every} raises
 * {@code SILENT} for those past it. After the task starts, a machine gets its whole silence limit
 * from then before it counts as silent, so that a detector that was down does not call the plant
 * silent.
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
    private AlertWriter alertWriter;
    /** Per machine of the task, when it counts as silent without a further reading. */
    private final Map<String, Instant> silentAt = new HashMap<>();
    private Instant watchingSince;

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
        this.alertWriter = new AlertWriter(alerts, context, metrics, detector.settings().alerting().keepCleared());
        if (detector.watches().silence() != null) {
            watchingSince = Instant.ofEpochMilli(context.currentSystemTimeMs());
            try (KeyValueIterator<String, MachineContext> all = machines.all()) {
                while (all.hasNext()) {
                    final KeyValue<String, MachineContext> kv = all.next();
                    track(kv.key, kv.value);
                }
            }
            context.schedule(detector.settings().watches().silence().checkEvery(), PunctuationType.WALL_CLOCK_TIME,
                    this::checkSilence);
        }
    }

    /** Notes when the machine counts as silent: its limit from its last reading, or from the task's start. */
    private void track(final String key, final MachineContext machine) {
        if (machine.watches == null) {
            return;
        }
        final Instant due = detector.watches().silentAt(machine.watches);
        if (due == null || machine.watches.peek(detector.watches().silence()) == null) {
            silentAt.remove(key);
            return;
        }
        final Instant lastSeen = machine.watches.peek(detector.watches().silence()).lastSeen();
        silentAt.put(key, lastSeen.isBefore(watchingSince)
                ? watchingSince.plus(Duration.between(lastSeen, due)) : due);
    }

    private void checkSilence(final long wallClock) {
        final Instant now = Instant.ofEpochMilli(wallClock);
        final List<String> due = new ArrayList<>();
        silentAt.forEach((key, at) -> {
            if (!now.isBefore(at)) {
                due.add(key);
            }
        });
        for (final String key : due) {
            silentAt.remove(key);
            final MachineContext machine = machines.get(key);
            if (machine == null) {
                continue;
            }
            final Alert alert = detector.watches().onClock(machine.watches(), key, now, alertWriter::get);
            if (alert != null) {
                alertWriter.write(alert, wallClock);
                machines.put(key, machine);
                context.forward(new Record<>(key, (Object) detector.status(machine), wallClock), STATUS_EMITTER);
            }
        }
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
            incomplete(record, reading);
            return;
        }
        try {
            accept(record, reading);
        } catch (StreamsException | ApiException e) {
            // Kafka Streams' own and the clients' (a task migrated, a store failing, a producer
            // fenced): theirs to handle, not the reading's fault
            throw e;
        } catch (RuntimeException e) {
            // a defect of the detector: set the reading aside rather than fail the task on it for ever
            LOG.error("reading of {} at {} failed in the detector; set aside to the dead-letter topic", key,
                    reading.timestamp(), e);
            reject(record, RejectReason.PROCESSING_FAILED, describe(e));
        }
    }

    /** A reading that lacks some features: the machine's dropout watch counts it, the history keeps its values. */
    private void incomplete(final Record<String, byte[]> record, final TelemetryReading reading) {
        context.forward(new Record<>(record.key(), (Object) new ScoredReading(reading, null, null, false, null),
                record.timestamp()), MINUTE_AGGREGATOR);
        final MachineContext machine = machines.get(record.key());
        if (machine == null) {
            return;
        }
        final Set<String> absent = new HashSet<>();
        for (final String f : detector.settings().features()) {
            if (!reading.values().containsKey(f)) {
                absent.add(f);
            }
        }
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final List<Alert> changed = detector.watches().onIncomplete(machine.watches(), record.key(),
                detector.settings().features(), absent, reading.timestamp(), now, alertWriter::get);
        for (final Alert a : changed) {
            alertWriter.write(a, record.timestamp());
        }
        machines.put(record.key(), machine);
        if (watchingSince != null) {
            track(record.key(), machine);
        }
        if (!changed.isEmpty()) {
            context.forward(output(record, detector.status(machine)), STATUS_EMITTER);
        }
    }

    /** The exception's class, message and where it was thrown, for the dead letter's detail. */
    static String describe(final Throwable e) {
        final StringBuilder b = new StringBuilder(e.getClass().getName());
        if (e.getMessage() != null) {
            b.append(": ").append(e.getMessage());
        }
        final StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(3, trace.length); i++) {
            b.append(i == 0 ? " at " : " < ").append(trace[i]);
        }
        return b.length() > 900 ? b.substring(0, 900) : b.toString();
    }

    private void accept(final Record<String, byte[]> record, final TelemetryReading reading) {
        final String key = record.key();
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
        if (LOG.isDebugEnabled() && detector.isLate(machine, reading)) {
            LOG.debug("late reading of {} accepted: seq {} below {}", key, reading.seq(), machine.lastSeq);
        }

        final ForestState forest = machine.forest();
        final TrainedModel model = forest.modelVersion == null ? null : models.get(key, forest.modelVersion);
        if (forest.modelVersion != null && model == null) {
            LOG.error("model {} of {} is missing from the model store; collecting readings for a new one",
                    forest.modelVersion, key);
            detector.onModelMissing(machine);
        }
        final Alert open = forest.openAlertId == null ? null : alerts.get(forest.openAlertId);

        final long started = System.nanoTime();
        final MachineDetector.Step step = detector.onReading(machine, training, model, open, reading, now,
                alertWriter::get);
        if (step.scored().score() != null) {
            metrics.scored(step.scored().anomaly(), System.nanoTime() - started);
        }

        if (step.trained() != null) {
            publishModel(record, step.trained());
        }
        if (step.alert() != null) {
            alertWriter.write(step.alert(), record.timestamp());
        }
        for (final Alert a : step.watchAlerts()) {
            alertWriter.write(a, record.timestamp());
        }
        if (step.peerLevel() != null) {
            context.forward(new Record<>(step.peerLevel().group(), (Object) step.peerLevel(), record.timestamp()),
                    PEER_LEVELS_SINK);
        }
        readings.put(key, step.scored(), record.timestamp());
        context.forward(new Record<>(key, (Object) step.scored(), record.timestamp()), MINUTE_AGGREGATOR);
        machines.put(key, machine);
        if (watchingSince != null) {
            track(key, machine);
        }
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
