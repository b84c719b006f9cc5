package dev.pdm.iiot.detector.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pdm.iiot.detector.watch.WatchStates;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the detector remembers of one machine between two of its readings: the value of the
 * machine store. A small mutable accumulator, changed only inside the processor that owns the
 * machine's partition, and written back after every reading. Its fields are the Isolation
 * Forest's (learning, scoring, the anomaly alert), changed only by {@code MachineDetector}; every
 * other watch keeps its own state in {@link #watches}, one section each, changed only by its watch.
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
    public Double lastScore;
    public MachineState state = MachineState.TRAINING;

    public long readings;
    public long anomalies;
    public long duplicates;

    /** The model that scores, or null before the first one. */
    public Integer modelVersion;
    public Double threshold;
    /** The highest version ever trained (versions are never reused). */
    public int latestVersion;

    /** Whether readings are being collected for a (re)training, and why. */
    public boolean collecting = true;
    public ModelDescriptor.Reason collectReason = ModelDescriptor.Reason.INITIAL;
    public int collected;

    public int consecutiveAnomalies;
    public int consecutiveNormals;
    public Instant anomalyStreakStart;
    public String openAlertId;
    /** Alerts raised so far; the next one is number alertSeq + 1. */
    public long alertSeq;

    /** Drift signal: exponentially weighted share of anomalous readings, and readings since the model changed. */
    public double anomalyRate;
    public long scoredSinceModel;
    /** Scored readings since an alert of the machine was last open. */
    public long sinceAlert;

    /** The last raw feature vectors, when features are averaged over a window. */
    public List<double[]> recent;

    public Instant updatedAt;

    // Learning: the baseline the forest's features are measured from, and the growing training set.

    /** Each feature's baseline (a robust exponentially weighted mean of the readings), or null before the first reading. */
    public double[] baseline;
    /** Readings the baseline has taken in. */
    public long baselineReadings;
    /** Clean readings since the current training set began (they schedule the refreshes). */
    public long cleanSeen;
    /** Readings offered to the current training set since it began (reservoir sampling's count). */
    public long sampled;
    /** The count of clean readings at which the next model is trained; 0 = none scheduled. */
    public long nextRefreshAt;

    /** The states of the watches besides the forest (trend, peers, stuck sensor, silence, dropout). */
    @JsonIgnore
    public WatchStates watches;

    /**
     * Which of the sequence numbers just below {@link #lastSeq} have been accepted ({@link SeqWindow}),
     * so that a reading arriving late is scored once; null: not known (a context kept before the
     * window existed), every number below {@code lastSeq} counts as seen.
     */
    public long[] seqWindow;

    public MachineContext() {
    }

    public static MachineContext initial(final String machineId) {
        final MachineContext c = new MachineContext();
        c.machineId = machineId;
        return c;
    }

    public WatchStates watches() {
        if (watches == null) {
            watches = new WatchStates();
        }
        return watches;
    }

    public List<double[]> recent() {
        if (recent == null) {
            recent = new ArrayList<>();
        }
        return recent;
    }
}
