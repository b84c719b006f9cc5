package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.detector.scoring.ForestState;
import dev.pdm.iiot.detector.watch.WatchStates;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.ModelDescriptor;

/**
 * Values of the machine store: a {@link MachineContext} in the binary store format, about a fifth of
 * the JSON's size and read and written without reflection. Format 5, after the marker and version:
 * <ol>
 *   <li>the machine's own fields: id, latest sequence number, timestamp and reading, counts of
 *       readings and duplicates, when it last changed, and the window of sequence numbers (a flag,
 *       then {@value SeqWindow#WORDS} longs);</li>
 *   <li>the Isolation Forest's section: its format ({@link ForestState#VERSION}), then its bytes;</li>
 *   <li>the watches' sections ({@link WatchStates}): each watch's id, format and bytes.</li>
 * </ol>
 * The forest and the watches add a field by a new format of their own section; only a new field of
 * the machine itself needs a new format here. Formats 1 to 4, in which the forest's fields lay among
 * the machine's, are still read ({@link #readFormatOneToFour}).
 */
public final class MachineContextSerde extends StoreSerde<MachineContext> {

    static final int VERSION = 5;

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
        out.writeLong(c.readings);
        out.writeLong(c.duplicates);
        out.writeInstant(c.updatedAt);
        out.writeBoolean(c.seqWindow != null);
        if (c.seqWindow != null) {
            for (int i = 0; i < SeqWindow.WORDS; i++) {
                out.writeLong(c.seqWindow[i]);
            }
        }
        out.writeInt(ForestState.VERSION);
        // the section's length and bytes, written in place
        final int forest = out.beginSection();
        c.forest().write(out);
        out.endSection(forest);
        c.watches().write(out);
    }

    @Override
    protected MachineContext read(final BinaryReader in, final int version) {
        if (version < 5) {
            return readFormatOneToFour(in, version);
        }
        final MachineContext c = new MachineContext();
        c.machineId = in.readString();
        c.lastSeq = in.readNullableLong();
        c.lastTimestamp = in.readInstant();
        c.lastReading = ReadingCodec.read(in);
        c.readings = in.readLong();
        c.duplicates = in.readLong();
        c.updatedAt = in.readInstant();
        c.seqWindow = readSeqWindow(in);
        final int forestVersion = in.readInt();
        c.forest(ForestState.read(in.section(), forestVersion));
        c.watches = WatchStates.read(in);
        return c;
    }

    private static long[] readSeqWindow(final BinaryReader in) {
        if (!in.readBoolean()) {
            return null;
        }
        final long[] window = SeqWindow.empty();
        for (int i = 0; i < SeqWindow.WORDS; i++) {
            window[i] = in.readLong();
        }
        return window;
    }

    /**
     * Formats 1 to 4, one list of fields, the machine's and the forest's mixed: format 2 added the
     * baseline and the training sample's counters, 3 the watches' sections, 4 the window of sequence
     * numbers. Never changes.
     */
    private static MachineContext readFormatOneToFour(final BinaryReader in, final int version) {
        final MachineContext c = new MachineContext();
        final ForestState f = c.forest();
        c.machineId = in.readString();
        c.lastSeq = in.readNullableLong();
        c.lastTimestamp = in.readInstant();
        c.lastReading = ReadingCodec.read(in);
        f.lastScore = in.readNullableDouble();
        f.state = in.readEnum(MachineState.class);
        c.readings = in.readLong();
        f.anomalies = in.readLong();
        c.duplicates = in.readLong();
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
        f.recent = ForestState.readRecent(in);
        c.updatedAt = in.readInstant();
        if (version >= 2) {
            f.baseline = in.readDoubles();
            f.baselineReadings = in.readLong();
            f.cleanSeen = in.readLong();
            f.sampled = in.readLong();
            f.nextRefreshAt = in.readLong();
        }
        if (version >= 3) {
            c.watches = WatchStates.read(in);
        }
        if (version >= 4) {
            c.seqWindow = readSeqWindow(in);
        }
        return c;
    }
}
