package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.events.model.ScoredReading;

/** Values of the recent-readings window store: a scored reading in the binary store format. */
public final class ScoredReadingSerde extends StoreSerde<ScoredReading> {

    static final int VERSION = 1;

    public ScoredReadingSerde() {
        super(ScoredReading.class, VERSION);
    }

    @Override
    protected void write(final BinaryWriter out, final ScoredReading s) {
        ReadingCodec.write(out, s.reading());
        out.writeNullableDouble(s.score());
        out.writeNullableDouble(s.threshold());
        out.writeBoolean(s.anomaly());
        out.writeNullableInt(s.modelVersion());
    }

    @Override
    protected ScoredReading read(final BinaryReader in, final int version) {
        return new ScoredReading(ReadingCodec.read(in), in.readNullableDouble(), in.readNullableDouble(),
                in.readBoolean(), in.readNullableInt());
    }
}
