package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.detector.model.StoreSerde;

/**
 * Values of the {@value DetectorTopology#MINUTE_STORE}: an open minute in the binary store format
 * (counts, highest score, model version, whether published, then per sensor its name, min, max, sum
 * and count). Every reading reads and writes its machine's open minute, so the format is what the
 * aggregation costs; minutes stored as JSON by earlier versions are still read.
 */
final class MinuteStateSerde extends StoreSerde<MinuteState> {

    static final int VERSION = 1;

    MinuteStateSerde() {
        super(MinuteState.class, VERSION);
    }

    @Override
    protected int sizeHint() {
        return 192;
    }

    @Override
    protected void write(final BinaryWriter out, final MinuteState s) {
        out.writeLong(s.readings);
        out.writeLong(s.anomalies);
        out.writeNullableDouble(s.maxScore);
        out.writeNullableInt(s.modelVersion);
        out.writeBoolean(s.emitted);
        out.writeInt(s.sensors.size());
        s.sensors.forEach((sensor, v) -> {
            out.writeString(sensor);
            out.writeDouble(v[0]);
            out.writeDouble(v[1]);
            out.writeDouble(v[2]);
            out.writeDouble(v[3]);
        });
    }

    @Override
    protected MinuteState read(final BinaryReader in, final int version) {
        final MinuteState s = new MinuteState();
        s.readings = in.readLong();
        s.anomalies = in.readLong();
        s.maxScore = in.readNullableDouble();
        s.modelVersion = in.readNullableInt();
        s.emitted = in.readBoolean();
        final int sensors = in.readInt();
        if (sensors < 0 || sensors > 1_000) {
            throw new IllegalArgumentException("implausible sensor count " + sensors);
        }
        for (int i = 0; i < sensors; i++) {
            s.sensors.put(in.readString(), new double[] {in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble()});
        }
        return s;
    }
}
