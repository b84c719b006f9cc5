package dev.pdm.iiot.detector.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.pdm.iiot.detector.scoring.ForestState;
import dev.pdm.iiot.detector.watch.WatchStates;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;

/**
 * What the detector remembers of one machine between two of its readings: the value of the
 * machine store. A small mutable accumulator, changed only inside the processor that owns the
 * machine's partition, and written back after every reading. It has three parts, each with its own
 * owner:
 * <ul>
 *   <li>the machine's own fields below, which every detector shares: its latest accepted reading,
 *       the sequence numbers seen (for de-duplication and late readings), its counts of readings
 *       and duplicates, and when it last changed;</li>
 *   <li>the Isolation Forest's state ({@link #forest()}: model, learning, scoring, the anomaly
 *       alert, drift), changed only by {@code MachineDetector};</li>
 *   <li>the states of the watches ({@link #watches()}: trend, peers, stuck sensor, silence,
 *       dropout), one section each, each changed only by its watch.</li>
 * </ul>
 * The forest and each watch write and read their own state in their own versioned format
 * ({@link ForestState#write}, {@code WatchState#write}); {@link MachineContextSerde} only frames them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class MachineContext {

    public String machineId;
    /**
     * Sequence number and timestamp of the latest accepted reading, for de-duplication: the highest
     * sequence number accepted (a late reading does not move them back).
     */
    public Long lastSeq;
    public Instant lastTimestamp;
    public TelemetryReading lastReading;

    /** Readings accepted (late ones included) and duplicates ignored. */
    public long readings;
    public long duplicates;

    public Instant updatedAt;

    /**
     * Which of the sequence numbers just below {@link #lastSeq} have been accepted ({@link SeqWindow}),
     * so that a reading arriving late is scored once; null: not known (a context kept before the
     * window existed), every number below {@code lastSeq} counts as seen.
     */
    public long[] seqWindow;

    /**
     * The Isolation Forest's state. In the JSON that detectors before the binary store wrote, its
     * fields lay among the machine's own: they are read from there still.
     */
    @JsonUnwrapped
    @JsonProperty
    private ForestState forest = new ForestState();

    /** The states of the watches besides the forest (trend, peers, stuck sensor, silence, dropout). */
    @JsonIgnore
    public WatchStates watches;

    public MachineContext() {
    }

    public static MachineContext initial(final String machineId) {
        final MachineContext c = new MachineContext();
        c.machineId = machineId;
        return c;
    }

    /** The Isolation Forest's state of the machine. */
    public ForestState forest() {
        return forest;
    }

    /** Replaces the forest's state with one read from the store. */
    void forest(final ForestState state) {
        this.forest = state;
    }

    public WatchStates watches() {
        if (watches == null) {
            watches = new WatchStates();
        }
        return watches;
    }
}
