package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.detector.scoring.ForestState;
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

    /**
     * A context in which every field differs from its default, the machine's and the Isolation
     * Forest's, whatever fields the two classes have.
     */
    private static MachineContext everyFieldSet() throws IllegalAccessException {
        final MachineContext c = new MachineContext();
        setEveryField(c, 1);
        setEveryField(c.forest(), 100);
        return c;
    }

    /** The fields a stored value keeps: the instance fields but the forest's state, which has its own. */
    private static List<Field> storedFields(final Class<?> type) {
        final List<Field> fields = new ArrayList<>();
        for (final Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && f.getType() != ForestState.class) {
                fields.add(f);
            }
        }
        return fields;
    }

    private static void setEveryField(final Object target, final int first) throws IllegalAccessException {
        int n = first;
        for (final Field f : storedFields(target.getClass())) {
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
                value = !f.getBoolean(target);
            } else if (t == Instant.class) {
                value = T.plusSeconds(n);
            } else if (t == TelemetryReading.class) {
                value = reading();
            } else if (t.isEnum()) {
                final Object[] constants = t.getEnumConstants();
                value = constants[constants.length - 1].equals(f.get(target)) ? constants[0]
                        : constants[constants.length - 1];
            } else if (t == double[].class) {
                value = new double[]{n + 0.25, -n, Double.NaN};
            } else if (t == long[].class) {
                value = new long[]{n, -1L, Long.MIN_VALUE, 0x5555_5555_5555_5555L};
            } else if (t == List.class) {
                value = new ArrayList<>(List.of(new double[]{1.5, 2.5}, new double[]{3.5, Double.NaN}));
            } else if (t == WatchStates.class) {
                value = watchesWithAState();
            } else {
                fail("%s.%s has a type (%s) this test does not know; teach it, and the state's write and read",
                        target.getClass().getSimpleName(), f.getName(), t);
                return;
            }
            f.set(target, value);
        }
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
    void theMachineStoreFormatKeepsEveryFieldOfTheMachineAndOfTheForest() throws IllegalAccessException {
        final MachineContext before = everyFieldSet();
        final MachineContextSerde serde = new MachineContextSerde();

        final byte[] stored = serde.serialize("machine-store", before);
        final MachineContext after = serde.deserialize("machine-store", stored);

        assertThat(stored[1]).as("the current format").isEqualTo((byte) MachineContextSerde.VERSION);
        assertSameFields(before, after);
        assertSameFields(before.forest(), after.forest());
    }

    private static void assertSameFields(final Object before, final Object after) throws IllegalAccessException {
        for (final Field f : storedFields(before.getClass())) {
            if (f.getType() == WatchStates.class) {
                assertThat(bytes((WatchStates) f.get(after))).as("the watches' sections")
                        .isEqualTo(bytes((WatchStates) f.get(before)));
            } else if (f.getType() == List.class) {
                @SuppressWarnings("unchecked") final List<double[]> recent = (List<double[]>) f.get(after);
                assertThat(recent).as(f.getName()).hasSize(2);
                assertThat(recent.get(0)).containsExactly(1.5, 2.5);
                assertThat(recent.get(1)[1]).isNaN();
            } else {
                assertThat(f.get(after)).as("%s.%s is stored", before.getClass().getSimpleName(), f.getName())
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
        assertThat(after.forest().state).isEqualTo(MachineState.TRAINING);
        assertThat(after.forest().collecting).isTrue();
        assertThat(after.forest().collectReason).isEqualTo(ModelDescriptor.Reason.INITIAL);
        assertThat(after.forest().modelVersion).isNull();
        assertThat(after.forest().recent).isNull();
    }

    @Test
    void storesWrittenAsJsonByEarlierVersionsAreStillRead() throws IllegalAccessException {
        final MachineContext before = everyFieldSet();
        before.forest().recent = null;
        before.watches = null;
        // JSON has no NaN
        before.forest().baseline = new double[]{64.5, -2.25};
        before.forest().shiftLevel = new double[]{0.5, -0.25};
        before.forest().shiftSpread = new double[]{0.125, 0.0625};
        before.forest().shiftDirection = new double[]{1, 0};
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
        c.forest().recent = null;
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

    @Test
    void aForestStateOfFormatOneIsReadWithoutALevelShiftChart() throws IllegalAccessException {
        final ForestState before = everyFieldSet().forest();
        final BinaryWriter out = new BinaryWriter(512);
        before.write(out);
        final byte[] current = out.toByteArray();
        // format 2 added the chart at the end: two arrays of three doubles, a count, an array of three, a time (flag, long, int)
        final byte[] formatOne = java.util.Arrays.copyOf(current, current.length - 3 * (4 + 3 * 8) - 8 - (1 + 8 + 4));

        final ForestState after = ForestState.read(new BinaryReader(formatOne, 0), 1);

        assertThat(after.shiftLevel).as("the chart starts afresh").isNull();
        assertThat(after.shiftSpread).isNull();
        assertThat(after.shiftClean).isZero();
        assertThat(after.shiftDirection).isNull();
        assertThat(after.shiftQuietUntil).isNull();
        assertThat(after.modelVersion).as("the model is kept").isEqualTo(before.modelVersion);
        assertThat(after.baseline).containsExactly(before.baseline);
        assertThat(after.nextRefreshAt).isEqualTo(before.nextRefreshAt);
    }

    @Test
    void aForestStateOfAFormatNewerThanTheDetectorsIsRefusedWithItsFormat() {
        final MachineContextSerde serde = new MachineContextSerde();
        final byte[] value = serde.serialize("machine-store", MachineContext.initial("M"));
        final BinaryWriter forest = new BinaryWriter(64);
        new ForestState().write(forest);
        // the value ends with the forest's format, its section (length and bytes) and no watch section (a count of 0)
        final int at = value.length - 4 - 4 - forest.toByteArray().length - 4;
        assertThat(new BinaryReader(value, at).readInt()).as("the forest's format").isEqualTo(ForestState.VERSION);
        value[at + 3] = (byte) (ForestState.VERSION + 1);

        assertThatThrownBy(() -> serde.deserialize("machine-store", value)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("the Isolation Forest's state has format " + (ForestState.VERSION + 1))
                .hasMessageContaining("reads 1 to " + ForestState.VERSION);
    }
}
