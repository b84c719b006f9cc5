package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.detector.watch.WatchStates;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.ModelDescriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Values of the machine store: every field of {@link MachineContext} in the binary store format,
 * about a fifth of the JSON's size and read and written without reflection. A field added to
 * {@link MachineContext} must be added here too, at the end, with a new format version
 * ({@code StoreSerdeTest} fails until it is).
 */
public final class MachineContextSerde extends StoreSerde<MachineContext> {

    static final int VERSION = 4;

    public MachineContextSerde() {
        super(MachineContext.class, VERSION);
    }

    @Override
    protected int sizeHint() {
        return 1024;
    }

    @Override
    protected void write(final BinaryWriter out, final MachineContext c) {
        out.writeString(c.machineId);
        out.writeNullableLong(c.lastSeq);
        out.writeInstant(c.lastTimestamp);
        ReadingCodec.write(out, c.lastReading);
        out.writeNullableDouble(c.lastScore);
        out.writeEnum(c.state);
        out.writeLong(c.readings);
        out.writeLong(c.anomalies);
        out.writeLong(c.duplicates);
        out.writeNullableInt(c.modelVersion);
        out.writeNullableDouble(c.threshold);
        out.writeInt(c.latestVersion);
        out.writeBoolean(c.collecting);
        out.writeEnum(c.collectReason);
        out.writeInt(c.collected);
        out.writeInt(c.consecutiveAnomalies);
        out.writeInt(c.consecutiveNormals);
        out.writeInstant(c.anomalyStreakStart);
        out.writeString(c.openAlertId);
        out.writeLong(c.alertSeq);
        out.writeDouble(c.anomalyRate);
        out.writeLong(c.scoredSinceModel);
        out.writeLong(c.sinceAlert);
        if (c.recent == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(c.recent.size());
            for (final double[] row : c.recent) {
                out.writeDoubles(row);
            }
        }
        out.writeInstant(c.updatedAt);
        // format 2: the baseline and the training sample's counters
        out.writeDoubles(c.baseline);
        out.writeLong(c.baselineReadings);
        out.writeLong(c.cleanSeen);
        out.writeLong(c.sampled);
        out.writeLong(c.nextRefreshAt);
        // format 3: the watches' sections
        c.watches().write(out);
        // format 4: the window of sequence numbers below lastSeq (a flag, then four longs)
        out.writeBoolean(c.seqWindow != null);
        if (c.seqWindow != null) {
            for (int i = 0; i < SeqWindow.WORDS; i++) {
                out.writeLong(c.seqWindow[i]);
            }
        }
    }

    @Override
    protected MachineContext read(final BinaryReader in, final int version) {
        final MachineContext c = new MachineContext();
        c.machineId = in.readString();
        c.lastSeq = in.readNullableLong();
        c.lastTimestamp = in.readInstant();
        c.lastReading = ReadingCodec.read(in);
        c.lastScore = in.readNullableDouble();
        c.state = in.readEnum(MachineState.class);
        c.readings = in.readLong();
        c.anomalies = in.readLong();
        c.duplicates = in.readLong();
        c.modelVersion = in.readNullableInt();
        c.threshold = in.readNullableDouble();
        c.latestVersion = in.readInt();
        c.collecting = in.readBoolean();
        c.collectReason = in.readEnum(ModelDescriptor.Reason.class);
        c.collected = in.readInt();
        c.consecutiveAnomalies = in.readInt();
        c.consecutiveNormals = in.readInt();
        c.anomalyStreakStart = in.readInstant();
        c.openAlertId = in.readString();
        c.alertSeq = in.readLong();
        c.anomalyRate = in.readDouble();
        c.scoredSinceModel = in.readLong();
        c.sinceAlert = in.readLong();
        final int rows = in.readInt();
        if (rows >= 0) {
            final List<double[]> recent = new ArrayList<>(rows + 1);
            for (int i = 0; i < rows; i++) {
                recent.add(in.readDoubles());
            }
            c.recent = recent;
        }
        c.updatedAt = in.readInstant();
        if (version >= 2) {
            c.baseline = in.readDoubles();
            c.baselineReadings = in.readLong();
            c.cleanSeen = in.readLong();
            c.sampled = in.readLong();
            c.nextRefreshAt = in.readLong();
        }
        if (version >= 3) {
            c.watches = WatchStates.read(in);
        }
        if (version >= 4 && in.readBoolean()) {
            final long[] window = SeqWindow.empty();
            for (int i = 0; i < SeqWindow.WORDS; i++) {
                window[i] = in.readLong();
            }
            c.seqWindow = window;
        }
        return c;
    }
}
