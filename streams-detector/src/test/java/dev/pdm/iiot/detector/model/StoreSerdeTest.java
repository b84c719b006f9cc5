package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.detector.watch.Observation;
import dev.pdm.iiot.detector.watch.SilenceWatch;
import dev.pdm.iiot.detector.watch.WatchSettings;
import dev.pdm.iiot.detector.watch.WatchStates;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class StoreSerdeTest {

    private static final Instant T = Instant.parse("2026-11-21T21:27:22.123456789Z");

    private static TelemetryReading reading() {
        final Map<String, Double> values = new LinkedHashMap<>();
        values.put("temperature", 82.4);
        values.put("vibration", 4.67);
        values.put("rpm", 1431.0);
        values.put("degradation_level", -0.0);
        return new TelemetryReading("MACHINE_003", T, values, 1, 41L);
    }

    /** A context in which every field differs from its default, whatever fields the class has. */
    private static MachineContext everyFieldSet() throws IllegalAccessException {
        final MachineContext c = new MachineContext();
        int n = 1;
        for (final Field f : MachineContext.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            n++;
            final Class<?> t = f.getType();
            final Object value;
            if (t == String.class) {
                value = "value-of-" + f.getName();
            } else if (t == long.class || t == Long.class) {
                value = 1_000_000_000_000L + n;
            } else if (t == int.class || t == Integer.class) {
                value = 1000 + n;
            } else if (t == double.class || t == Double.class) {
                value = 0.5 + n / 1000.0;
            } else if (t == boolean.class) {
                value = !f.getBoolean(c);
            } else if (t == Instant.class) {
                value = T.plusSeconds(n);
            } else if (t == TelemetryReading.class) {
                value = reading();
            } else if (t.isEnum()) {
                final Object[] constants = t.getEnumConstants();
                value = constants[constants.length - 1].equals(f.get(c)) ? constants[0] : constants[constants.length - 1];
            } else if (t == double[].class) {
                value = new double[]{n + 0.25, -n, Double.NaN};
            } else if (t == long[].class) {
                value = new long[]{n, -1L, Long.MIN_VALUE, 0x5555_5555_5555_5555L};
            } else if (t == List.class) {
                value = new ArrayList<>(List.of(new double[]{1.5, 2.5}, new double[]{3.5, Double.NaN}));
            } else if (t == WatchStates.class) {
                value = watchesWithAState();
            } else {
                return fail("MachineContext.%s has a type (%s) this test does not know; teach it, and MachineContextSerde",
                        f.getName(), t);
            }
            f.set(c, value);
        }
        return c;
    }

    /** The watches' sections of a machine that a silence watch has seen once. */
    private static WatchStates watchesWithAState() {
        final WatchStates states = new WatchStates();
        final SilenceWatch silence = new SilenceWatch(WatchSettings.Silence.defaults());
        silence.onReading(states.of(silence), new Observation("MACHINE_003", reading(), List.of("rpm"),
                new double[]{1431.0}, T, true, true));
        return states;
    }

    private static byte[] bytes(final WatchStates states) {
        final BinaryWriter out = new BinaryWriter(64);
        states.write(out);
        return out.toByteArray();
    }

    @Test
    void theMachineStoreFormatKeepsEveryFieldOfTheContext() throws IllegalAccessException {
        final MachineContext before = everyFieldSet();
        final MachineContextSerde serde = new MachineContextSerde();

        final MachineContext after = serde.deserialize("machine-store", serde.serialize("machine-store", before));

        for (final Field f : MachineContext.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            if (f.getType() == WatchStates.class) {
                assertThat(bytes(after.watches)).as("the watches' sections").isEqualTo(bytes(before.watches));
            } else if (f.getType() == List.class) {
                assertThat(after.recent).as(f.getName()).hasSize(2);
                assertThat(after.recent.get(0)).containsExactly(1.5, 2.5);
                assertThat(after.recent.get(1)[1]).isNaN();
            } else {
                assertThat(f.get(after)).as("MachineContext.%s is stored by MachineContextSerde", f.getName())
                        .isEqualTo(f.get(before));
            }
        }
    }

    @Test
    void aFreshContextKeepsItsNullsAndDefaults() {
        final MachineContext fresh = MachineContext.initial("M");
        final MachineContextSerde serde = new MachineContextSerde();

        final MachineContext after = serde.deserialize("t", serde.serialize("t", fresh));

        assertThat(after).usingRecursiveComparison().ignoringFields("watches").isEqualTo(fresh);
        assertThat(after.watches.isEmpty()).isTrue();
        assertThat(after.state).isEqualTo(MachineState.TRAINING);
        assertThat(after.collectReason).isEqualTo(ModelDescriptor.Reason.INITIAL);
        assertThat(after.recent).isNull();
    }

    @Test
    void aContextOfFormatOneIsReadWithoutABaseline() throws IllegalAccessException {
        final MachineContext before = everyFieldSet();
        before.watches = null;
        before.seqWindow = null;
        final MachineContextSerde serde = new MachineContextSerde();
        final byte[] current = serde.serialize("machine-store", before);
        // format 1 ends before the baseline (an int and three doubles here), the four counters,
        // format 3's watch sections (none here: a count of 0) and format 4's window (none: a flag)
        final byte[] formatOne = java.util.Arrays.copyOf(current, current.length - (4 + 3 * 8) - 4 * 8 - 4 - 1);
        formatOne[1] = 1;

        final MachineContext after = serde.deserialize("machine-store", formatOne);

        assertThat(after.baseline).as("learned again from the next readings").isNull();
        assertThat(after.cleanSeen).isZero();
        assertThat(after.nextRefreshAt).isZero();
        assertThat(after.updatedAt).isEqualTo(before.updatedAt);
        assertThat(after.modelVersion).isEqualTo(before.modelVersion);
    }

    @Test
    void aContextOfFormatTwoIsReadWithEveryFieldAndNoWatchState() throws IllegalAccessException {
        // format 2 is format 3 without the watches' sections at its end: the store of the detector
        // before its watches, read without retraining
        final MachineContext before = everyFieldSet();
        before.watches = null;
        before.seqWindow = null;
        final MachineContextSerde serde = new MachineContextSerde();
        final byte[] current = serde.serialize("machine-store", before);
        // the watches' sections (none: a count of 0) and format 4's window (none: a flag)
        final byte[] formatTwo = java.util.Arrays.copyOf(current, current.length - 4 - 1);
        formatTwo[1] = 2;

        final MachineContext after = serde.deserialize("machine-store", formatTwo);

        assertThat(after).usingRecursiveComparison().ignoringFields("watches", "recent", "baseline").isEqualTo(before);
        assertThat(after.baseline).containsExactly(before.baseline);
        assertThat(after.recent).hasSize(2);
        assertThat(after.watches).as("no watch has state yet").isNull();
        assertThat(after.watches().isEmpty()).isTrue();
        final MachineContext again = serde.deserialize("machine-store", serde.serialize("machine-store", after));
        assertThat(again.modelVersion).as("the model is kept: no retraining").isEqualTo(before.modelVersion);
        assertThat(again.baseline).isEqualTo(before.baseline);
    }

    @Test
    void aContextOfFormatThreeIsReadWithEveryFieldAndAnUnknownSequenceWindow() throws IllegalAccessException {
        // format 3 is format 4 without the window of sequence numbers at its end (a flag and four
        // longs): the store of the detector before late readings were accepted
        final MachineContext before = everyFieldSet();
        final MachineContextSerde serde = new MachineContextSerde();
        final byte[] current = serde.serialize("machine-store", before);
        final byte[] formatThree = java.util.Arrays.copyOf(current, current.length - 1 - SeqWindow.WORDS * 8);
        formatThree[1] = 3;

        final MachineContext after = serde.deserialize("machine-store", formatThree);

        assertThat(after).usingRecursiveComparison().ignoringFields("watches", "recent", "baseline", "seqWindow")
                .isEqualTo(before);
        assertThat(after.baseline).containsExactly(before.baseline);
        assertThat(after.recent).hasSize(2);
        assertThat(bytes(after.watches)).as("the watches' sections").isEqualTo(bytes(before.watches));
        assertThat(after.lastSeq).isEqualTo(before.lastSeq);
        assertThat(after.seqWindow).as("unknown: every number below lastSeq counts as seen").isNull();
        assertThat(SeqWindow.seen(after.seqWindow, after.lastSeq, after.lastSeq - 1)).isTrue();
        final MachineContext again = serde.deserialize("machine-store", serde.serialize("machine-store", after));
        assertThat(again.seqWindow).isNull();
        assertThat(again.lastSeq).isEqualTo(before.lastSeq);
    }

    @Test
    void storesWrittenAsJsonByEarlierVersionsAreStillRead() throws IllegalAccessException {
        final MachineContext before = everyFieldSet();
        before.recent = null;
        before.watches = null;
        before.baseline = new double[]{64.5, -2.25}; // JSON has no NaN
        final byte[] json = EventJson.toBytes(before);

        final MachineContext after = new MachineContextSerde().deserialize("machine-store", json);

        assertThat(after).usingRecursiveComparison().isEqualTo(before);
        final ScoredReading scored = new ScoredReading(reading(), 0.61, 0.55, true, 3);
        assertThat(new ScoredReadingSerde().deserialize("readings-store", EventJson.toBytes(scored))).isEqualTo(scored);
    }

    @Test
    void aScoredReadingKeepsItsReadingAndScore() {
        final ScoredReadingSerde serde = new ScoredReadingSerde();
        final ScoredReading scored = new ScoredReading(reading(), 0.61, 0.55, true, 3);
        final ScoredReading training = new ScoredReading(TelemetryReading.of("M", T, Map.of("rpm", 1500.0)), null,
                null, false, null);

        assertThat(serde.deserialize("t", serde.serialize("t", scored))).isEqualTo(scored);
        assertThat(serde.deserialize("t", serde.serialize("t", training))).isEqualTo(training);
        assertThat(serde.deserialize("t", serde.serialize("t", scored)).reading().values().keySet())
                .as("sensor order").containsExactly("temperature", "vibration", "rpm", "degradation_level");
    }

    @Test
    void isSmallerThanTheJson() throws IllegalAccessException {
        final MachineContext c = everyFieldSet();
        c.recent = null;
        c.watches = null;
        assertThat(new MachineContextSerde().serialize("t", c).length).isLessThan(EventJson.toBytes(c).length / 2);
    }

    @Test
    void nullIsATombstoneAndGarbageIsRefused() {
        final MachineContextSerde serde = new MachineContextSerde();
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserialize("t", new byte[]{1, 2, 3})).isInstanceOf(SerializationException.class);
        final byte[] truncated = java.util.Arrays.copyOf(serde.serialize("t", MachineContext.initial("M")), 10);
        assertThatThrownBy(() -> serde.deserialize("t", truncated)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated");
        final byte[] future = serde.serialize("t", MachineContext.initial("M"));
        future[1] = 99;
        assertThatThrownBy(() -> serde.deserialize("t", future)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("format 99");
    }
}
