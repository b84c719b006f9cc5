package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.json.JsonSerde;
import dev.pdm.iiot.events.model.ModelDescriptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a machine's model was lost, from {@code machine-models}: each record is the descriptor of
 * a model the detector trained, keyed by machine. A machine's versions count 1, 2, 3… over its
 * whole life (the detector numbers a new model one above the highest it ever trained, also after a
 * retrain on request), so, read in order, a descriptor is a lost model of kind:
 * <ul>
 *   <li>{@link Kind#VERSION_WENT_BACK}: a version below one seen before for the machine (a fresh
 *       model 1 after a later one included): the detector lost the machine's state;</li>
 *   <li>{@link Kind#VERSION_REUSED}: the version seen last, but another model: trained again from
 *       lost state;</li>
 *   <li>{@link Kind#LEARNED_AGAIN}: reason {@code INITIAL} with a version above 1: the detector
 *       found the model missing from its store and learned the machine afresh.</li>
 * </ul>
 * The same descriptor twice in a row is counted as repeated (one emission processed twice), not as
 * a loss. Retrains ({@code DRIFT}, {@code REQUEST}, {@code REFRESH}) are counted for information.
 *
 * <p>The topic is compacted: read it live from the run's start, before the log cleaner keeps only
 * each machine's latest descriptor (it never touches the active segment). Thread-safe.
 */
public final class ModelAudit {

    /** How many lost models a summary names. */
    public static final int EXAMPLES = 50;

    /** The ways a model is lost. */
    public enum Kind { VERSION_WENT_BACK, VERSION_REUSED, LEARNED_AGAIN }

    private final JsonSerde<ModelDescriptor> serde = EventSerdes.modelDescriptor();
    private final Map<String, ModelDescriptor> last = new HashMap<>();
    private final Map<String, Integer> highest = new HashMap<>();
    private final Map<ModelDescriptor.Reason, Long> byReason = new EnumMap<>(ModelDescriptor.Reason.class);
    private final List<LostModel> examples = new ArrayList<>();
    private long records;
    private long lost;
    private long repeated;
    private long unreadable;

    /** A record of {@code machine-models}, as the tail hands it over; tombstones are skipped. */
    public void onRecord(final ConsumerRecord<byte[], byte[]> record) {
        final ModelDescriptor descriptor;
        try {
            descriptor = record.value() == null ? null : serde.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            synchronized (this) {
                unreadable++;
            }
            return;
        }
        if (descriptor != null) {
            accept(descriptor);
        }
    }

    /** One descriptor, in the order of its machine's records. */
    public synchronized void accept(final ModelDescriptor model) {
        records++;
        final String machine = model.machineId();
        final ModelDescriptor previous = last.put(machine, model);
        if (model.equals(previous)) {
            repeated++;
            return;
        }
        byReason.merge(model.reason(), 1L, Long::sum);
        final Integer top = highest.get(machine);
        if (top != null && model.version() < top) {
            found(Kind.VERSION_WENT_BACK, model, top);
        } else if (top != null && model.version() == top) {
            found(Kind.VERSION_REUSED, model, top);
        } else if (model.reason() == ModelDescriptor.Reason.INITIAL && model.version() > 1) {
            found(Kind.LEARNED_AGAIN, model, top == null ? 0 : top);
        }
        if (top == null || model.version() > top) {
            highest.put(machine, model.version());
        }
    }

    private void found(final Kind kind, final ModelDescriptor model, final int highestBefore) {
        lost++;
        if (examples.size() < EXAMPLES) {
            examples.add(new LostModel(kind, model.machineId(), highestBefore, model.version(), model.reason()));
        }
    }

    public synchronized Summary summary() {
        final long retrains = byReason.entrySet().stream()
                .filter(e -> e.getKey() != ModelDescriptor.Reason.INITIAL).mapToLong(Map.Entry::getValue).sum();
        return new Summary(records, last.size(), retrains, Map.copyOf(byReason), lost, List.copyOf(examples),
                repeated, unreadable);
    }

    /**
     * A lost model.
     *
     * @param highestBefore the machine's highest version before it (0 when none was seen)
     * @param version       the version of the descriptor that shows the loss
     */
    public record LostModel(Kind kind, String machineId, int highestBefore, int version,
                            ModelDescriptor.Reason reason) {
    }

    /**
     * @param records    descriptors read
     * @param machines   machines with a model
     * @param retrains   models trained for a reason other than the machine's first readings
     * @param byReason   models by reason (repeats not counted)
     * @param lost       lost models, of any kind
     * @param examples   the first {@value #EXAMPLES} of them
     * @param repeated   descriptors equal to their machine's previous one
     * @param unreadable records that are not a descriptor
     */
    public record Summary(long records, long machines, long retrains, Map<ModelDescriptor.Reason, Long> byReason,
                          long lost, List<LostModel> examples, long repeated, long unreadable) {
    }
}
