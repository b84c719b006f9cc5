package dev.pdm.iiot.detector.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.ModelDescriptor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Isolation Forest remembers of one machine: its model and threshold, its learning (the
 * baseline of its sensors, the readings collected for a model, the sample of clean readings and
 * when the next refresh is due), its anomaly alert and streaks, and the drift signal. Mutable,
 * changed only by {@code MachineDetector} in the task that owns the machine, and kept in the
 * machine store as a section of its own ({@link #write}, {@link #read}): a field added here is
 * written at the end of the section with a new {@link #VERSION}, and read only from sections of
 * that version on, without a new format of the machine store.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ForestState {

    /**
     * The format of the section {@link #write} writes. 1: every field below up to the learning's, in
     * the order of the machine store's formats 1 to 4, where they lay among the machine's own fields;
     * 2: the level-shift chart.
     */
    public static final int VERSION = 2;

    /** The score of the latest scored reading, or null before the first. */
    public Double lastScore;
    public MachineState state = MachineState.TRAINING;
    /** Scored readings found anomalous. */
    public long anomalies;

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
    /** The machine's open anomaly alert, or null. */
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

    // The level-shift chart ({@link ShiftChart}): a sustained small shift of a sensor counts towards the anomaly alert.

    /** The chart per feature (an EWMA of the deviations from the baseline), or null before the first reading. */
    public double[] shiftLevel;
    /** The chart's spread per feature (its mean square over clean readings), or null before the first clean reading. */
    public double[] shiftSpread;
    /** Clean readings the chart's spread has learned from. */
    public long shiftClean;
    /**
     * The direction of the shift (per feature +1, −1 or 0) that counts towards the open anomaly alert or
     * the streak building up to one, as the chart first saw it; null: the chart counts only when no alert
     * is open. An alert the readings raised on their own is kept by them alone, and a chart that swings
     * to the other side (after a fault, from the baseline the fault pulled) does not hold an alert open.
     */
    public double[] shiftDirection;
    /**
     * Until when the chart is quiet: for one time constant of the baseline after an anomaly alert
     * cleared (a fault's aftermath, while the baseline returns from where the fault pulled it); or null.
     */
    public Instant shiftQuietUntil;

    /** The window of raw feature vectors, created empty on first use. */
    public List<double[]> recent() {
        if (recent == null) {
            recent = new ArrayList<>();
        }
        return recent;
    }

    /** Writes the state in format {@link #VERSION}. */
    public void write(final BinaryWriter out) {
        out.writeNullableDouble(lastScore);
        out.writeEnum(state);
        out.writeLong(anomalies);
        out.writeNullableInt(modelVersion);
        out.writeNullableDouble(threshold);
        out.writeInt(latestVersion);
        out.writeBoolean(collecting);
        out.writeEnum(collectReason);
        out.writeInt(collected);
        out.writeInt(consecutiveAnomalies);
        out.writeInt(consecutiveNormals);
        out.writeInstant(anomalyStreakStart);
        out.writeString(openAlertId);
        out.writeLong(alertSeq);
        out.writeDouble(anomalyRate);
        out.writeLong(scoredSinceModel);
        out.writeLong(sinceAlert);
        writeRecent(out, recent);
        out.writeDoubles(baseline);
        out.writeLong(baselineReadings);
        out.writeLong(cleanSeen);
        out.writeLong(sampled);
        out.writeLong(nextRefreshAt);
        // format 2: the level-shift chart
        out.writeDoubles(shiftLevel);
        out.writeDoubles(shiftSpread);
        out.writeLong(shiftClean);
        out.writeDoubles(shiftDirection);
        out.writeInstant(shiftQuietUntil);
    }

    /**
     * Reads a state written by {@link #write} in format {@code version}.
     *
     * @throws IllegalArgumentException for a format newer than this detector's: the machine's
     *                                  model, learning and alert cannot be guessed, so its value
     *                                  is refused rather than started afresh
     */
    public static ForestState read(final BinaryReader in, final int version) {
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("the Isolation Forest's state has format " + version
                    + "; this version of the detector reads 1 to " + VERSION);
        }
        final ForestState f = new ForestState();
        f.lastScore = in.readNullableDouble();
        f.state = in.readEnum(MachineState.class);
        f.anomalies = in.readLong();
        f.modelVersion = in.readNullableInt();
        f.threshold = in.readNullableDouble();
        f.latestVersion = in.readInt();
        f.collecting = in.readBoolean();
        f.collectReason = in.readEnum(ModelDescriptor.Reason.class);
        f.collected = in.readInt();
        f.consecutiveAnomalies = in.readInt();
        f.consecutiveNormals = in.readInt();
        f.anomalyStreakStart = in.readInstant();
        f.openAlertId = in.readString();
        f.alertSeq = in.readLong();
        f.anomalyRate = in.readDouble();
        f.scoredSinceModel = in.readLong();
        f.sinceAlert = in.readLong();
        f.recent = readRecent(in);
        f.baseline = in.readDoubles();
        f.baselineReadings = in.readLong();
        f.cleanSeen = in.readLong();
        f.sampled = in.readLong();
        f.nextRefreshAt = in.readLong();
        if (version >= 2) {
            f.shiftLevel = in.readDoubles();
            f.shiftSpread = in.readDoubles();
            f.shiftClean = in.readLong();
            f.shiftDirection = in.readDoubles();
            f.shiftQuietUntil = in.readInstant();
        }
        return f;
    }

    /** The window of raw feature vectors: its row count (-1 for none), then each row. */
    public static void writeRecent(final BinaryWriter out, final List<double[]> recent) {
        if (recent == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(recent.size());
            for (final double[] row : recent) {
                out.writeDoubles(row);
            }
        }
    }

    /** Reads what {@link #writeRecent} wrote. */
    public static List<double[]> readRecent(final BinaryReader in) {
        final int rows = in.readInt();
        if (rows < 0) {
            return null;
        }
        final List<double[]> recent = new ArrayList<>(rows + 1);
        for (int i = 0; i < rows; i++) {
            recent.add(in.readDoubles());
        }
        return recent;
    }
}
