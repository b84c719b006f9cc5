package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.detector.model.StoreSerde;

/** The binary formats of the peer topics' values and of the peer store's. */
public final class PeerSerdes {

    private PeerSerdes() {
    }

    public static StoreSerde<PeerLevel> level() {
        return new StoreSerde<>(PeerLevel.class, 1) {
            @Override
            protected void write(final BinaryWriter out, final PeerLevel v) {
                out.writeString(v.machineId());
                out.writeString(v.group());
                out.writeInstant(v.at());
                out.writeDoubles(v.levels());
            }

            @Override
            protected PeerLevel read(final BinaryReader in, final int version) {
                return new PeerLevel(in.readString(), in.readString(), in.readInstant(), in.readDoubles());
            }
        };
    }

    public static StoreSerde<PeerComparison> comparison() {
        return new StoreSerde<>(PeerComparison.class, 1) {
            @Override
            protected void write(final BinaryWriter out, final PeerComparison v) {
                out.writeString(v.machineId());
                out.writeString(v.group());
                out.writeInstant(v.at());
                out.writeInt(v.peers());
                out.writeDoubles(v.levels());
                out.writeDoubles(v.median());
                out.writeDoubles(v.spread());
            }

            @Override
            protected PeerComparison read(final BinaryReader in, final int version) {
                return new PeerComparison(in.readString(), in.readString(), in.readInstant(), in.readInt(),
                        in.readDoubles(), in.readDoubles(), in.readDoubles());
            }
        };
    }
}
