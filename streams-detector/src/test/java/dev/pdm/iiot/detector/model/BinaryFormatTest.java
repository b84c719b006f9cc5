package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.detector.watch.Observation;
import dev.pdm.iiot.detector.watch.SilenceWatch;
import dev.pdm.iiot.detector.watch.WatchSettings;
import dev.pdm.iiot.detector.watch.WatchStates;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The byte writer and reader: what they write, in place or not, and where a reader of a section stops. */
class BinaryFormatTest {

    private static final Instant T = Instant.parse("2026-12-06T23:59:58.5Z");

    /** Every kind of field, with lengths that make the writer grow from its smallest buffer. */
    private static void fields(final BinaryWriter out) {
        out.writeByte(0xB5).writeBoolean(true).writeInt(-7).writeLong(Long.MIN_VALUE + 3).writeDouble(-0.0)
                .writeFloat(1.5f).writeDoubles(new double[]{1.0, Double.NaN, -2.5e-300}).writeDoubles(null)
                .writeString("MACHINE_001").writeString("Grüße, 温度").writeString(null).writeString("")
                .writeString("x".repeat(300)).writeNullableLong(null).writeNullableLong(42L).writeNullableInt(9)
                .writeNullableDouble(null).writeInstant(T).writeInstant(null).writeEnum(Thread.State.BLOCKED);
    }

    @Test
    void aSectionWrittenInPlaceIsWhatItsBytesWrittenAfterwardsWouldBe() {
        final BinaryWriter apart = new BinaryWriter(16);
        fields(apart);
        final BinaryWriter viaBuffer = new BinaryWriter(16);
        viaBuffer.writeString("before").writeBytes(apart.toByteArray()).writeInt(77);

        final BinaryWriter inPlace = new BinaryWriter(16);
        inPlace.writeString("before");
        final int mark = inPlace.beginSection();
        fields(inPlace);
        inPlace.endSection(mark);
        inPlace.writeInt(77);

        assertThat(inPlace.toByteArray()).isEqualTo(viaBuffer.toByteArray());
        final BinaryWriter empty = new BinaryWriter(16);
        empty.endSection(empty.beginSection());
        assertThat(empty.toByteArray()).isEqualTo(new BinaryWriter(16).writeBytes(new byte[0]).toByteArray());
    }

    @Test
    void everyFieldIsReadBackAndAStringIsItsUtf8() {
        final BinaryWriter out = new BinaryWriter(16);
        fields(out);
        final BinaryReader in = new BinaryReader(out.toByteArray(), 0);
        assertThat(in.readByte()).isEqualTo((byte) 0xB5);
        assertThat(in.readBoolean()).isTrue();
        assertThat(in.readInt()).isEqualTo(-7);
        assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE + 3);
        assertThat(Double.doubleToRawLongBits(in.readDouble())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(in.readFloat()).isEqualTo(1.5f);
        assertThat(in.readDoubles()).containsExactly(1.0, Double.NaN, -2.5e-300);
        assertThat(in.readDoubles()).isNull();
        assertThat(in.readString()).isEqualTo("MACHINE_001");
        assertThat(in.readString()).isEqualTo("Grüße, 温度");
        assertThat(in.readString()).isNull();
        assertThat(in.readString()).isEmpty();
        assertThat(in.readString()).isEqualTo("x".repeat(300));
        assertThat(in.readNullableLong()).isNull();
        assertThat(in.readNullableLong()).isEqualTo(42L);
        assertThat(in.readNullableInt()).isEqualTo(9);
        assertThat(in.readNullableDouble()).isNull();
        assertThat(in.readInstant()).isEqualTo(T);
        assertThat(in.readInstant()).isNull();
        assertThat(in.readEnum(Thread.State.class)).isEqualTo(Thread.State.BLOCKED);
        assertThat(in.hasMore()).isFalse();

        // big-endian, as the stores have always been written
        assertThat(new BinaryWriter(16).writeInt(0x01020304).writeLong(0x05060708090A0B0CL).toByteArray())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        final byte[] utf8 = new BinaryWriter(16).writeString("é").toByteArray();
        assertThat(utf8).containsExactly(0, 0, 0, 2, 0xC3, 0xA9);
    }

    @Test
    void aReaderOfASectionStopsAtItsEndAndTheOuterReaderGoesOnAfterIt() {
        final BinaryWriter out = new BinaryWriter(16);
        final int mark = out.beginSection();
        out.writeInt(5).writeLong(6);
        out.endSection(mark);
        out.writeInt(7);
        final BinaryReader in = new BinaryReader(out.toByteArray(), 0);

        final BinaryReader section = in.section();

        assertThat(in.readInt()).as("the outer reader, after the section").isEqualTo(7);
        assertThat(section.readInt()).isEqualTo(5);
        assertThat(section.hasMore()).isTrue();
        assertThat(section.readLong()).isEqualTo(6);
        assertThat(section.hasMore()).isFalse();
        assertThatThrownBy(section::readByte).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");

        final BinaryReader tooShort = new BinaryReader(new BinaryWriter(16).writeInt(9).writeInt(1).toByteArray(), 0);
        assertThatThrownBy(tooShort::section).as("a section longer than what is left")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> new BinaryReader(new byte[4], 2, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoredValueIsItsOwnArrayWhateverTheSameThreadWritesAfterIt() {
        final MachineContextSerde serde = new MachineContextSerde();
        final MachineContext a = MachineContext.initial("MACHINE_001");
        a.lastReading = new TelemetryReading("MACHINE_001", T, Map.of("rpm", 1500.0), 1, 3L);
        a.readings = 3;
        final MachineContext b = MachineContext.initial("MACHINE_002_WITH_A_LONGER_NAME");

        final byte[] first = serde.serialize("machines", a);
        final byte[] copy = first.clone();
        final byte[] second = serde.serialize("machines", b);
        final byte[] again = serde.serialize("machines", a);

        assertThat(first).as("untouched by the later values").isEqualTo(copy).isEqualTo(again).isNotSameAs(again);
        assertThat(serde.deserialize("machines", second).machineId).isEqualTo("MACHINE_002_WITH_A_LONGER_NAME");
        assertThat(serde.deserialize("machines", first).lastReading).isEqualTo(a.lastReading);
    }

    @Test
    void aWatchSectionNotDecodedIsWrittenBackAsReadFromInsideTheValue() {
        final MachineContextSerde serde = new MachineContextSerde();
        final SilenceWatch silence = new SilenceWatch(WatchSettings.Silence.defaults());
        final MachineContext c = MachineContext.initial("MACHINE_001");
        silence.onReading(c.watches().of(silence), new Observation("MACHINE_001",
                new TelemetryReading("MACHINE_001", T, Map.of("rpm", 1500.0), 1, 3L), List.of("rpm"),
                new double[]{1500.0}, T, true, true));
        final byte[] stored = serde.serialize("machines", c);

        final MachineContext read = serde.deserialize("machines", stored);
        final byte[] untouched = serde.serialize("machines", read);
        final WatchStates decoded = serde.deserialize("machines", stored).watches();

        assertThat(untouched).isEqualTo(stored);
        assertThat(decoded.of(silence).lastSeen()).isEqualTo(T);
    }
}
