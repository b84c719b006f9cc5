package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.detector.scoring.ForestState;
import dev.pdm.iiot.detector.watch.Observation;
import dev.pdm.iiot.detector.watch.SilenceWatch;
import dev.pdm.iiot.detector.watch.StuckSensorWatch;
import dev.pdm.iiot.detector.watch.WatchSettings;
import dev.pdm.iiot.detector.watch.WatchStates;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Machine store values as earlier detectors wrote them, kept as files ({@code /machine-store/}): a
 * detector upgraded over a store of an older format goes on with every machine's model, baseline,
 * alert and watches, without retraining. The files are never regenerated; a new format adds a file.
 */
class StoredMachineFormatsTest {

    static final Instant T = Instant.parse("2026-11-21T21:27:22.123456789Z");

    static byte[] resource(final String name) {
        try (InputStream in = StoredMachineFormatsTest.class.getResourceAsStream("/machine-store/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of format 4 (marker, version, fields), as the detector of that format wrote it. */
    static byte[] formatFour() {
        return Base64.getDecoder().decode(new String(resource("format-4.base64"), StandardCharsets.US_ASCII).trim());
    }

    static TelemetryReading reading(final long seq, final double rpm) {
        final Map<String, Double> values = new LinkedHashMap<>();
        values.put("temperature", 82.4);
        values.put("vibration", 4.67);
        values.put("rpm", rpm);
        values.put("degradation_level", -0.0);
        return new TelemetryReading("MACHINE_007", T.plusSeconds(seq - 1234), values, 1, seq);
    }

    /** The watches' sections of the stored machine: its silence and stuck-sensor watches after five readings. */
    static WatchStates watches() {
        final WatchStates states = new WatchStates();
        final SilenceWatch silence = new SilenceWatch(WatchSettings.Silence.defaults());
        final StuckSensorWatch stuck = new StuckSensorWatch(WatchSettings.Stuck.defaults());
        for (int i = 0; i < 5; i++) {
            final TelemetryReading r = reading(1230 + i, 1431.0 + i * 0.5);
            final Observation o = new Observation("MACHINE_007", r, List.of("temperature", "rpm"),
                    new double[]{82.4, 1431.0 + i * 0.5}, r.timestamp(), true, true);
            silence.onReading(states.of(silence), o);
            stuck.onReading(states.of(stuck), o);
        }
        return states;
    }

    static byte[] bytes(final WatchStates states) {
        final BinaryWriter out = new BinaryWriter(64);
        states.write(out);
        return out.toByteArray();
    }

    /** Asserts that {@code c} holds the machine's own fields of the stored machine. */
    static void assertMachine(final MachineContext c) {
        assertThat(c.machineId).isEqualTo("MACHINE_007");
        assertThat(c.lastSeq).isEqualTo(1234L);
        assertThat(c.lastTimestamp).isEqualTo(T);
        assertThat(c.lastReading).isEqualTo(reading(1234, 1433.0));
        assertThat(c.readings).isEqualTo(1500);
        assertThat(c.duplicates).isEqualTo(3);
        assertThat(c.updatedAt).isEqualTo(T.plusSeconds(1));
    }

    /**
     * Asserts that {@code f} holds the Isolation Forest's state of the stored machine; {@code learning}:
     * with the baseline and the training sample's counters (format 2 on).
     */
    static void assertForest(final ForestState f, final boolean learning) {
        assertThat(f.lastScore).isEqualTo(0.5123);
        assertThat(f.state).isEqualTo(MachineState.ANOMALY);
        assertThat(f.anomalies).isEqualTo(42);
        assertThat(f.modelVersion).as("the model is kept: no retraining").isEqualTo(4);
        assertThat(f.threshold).isEqualTo(0.5581);
        assertThat(f.latestVersion).isEqualTo(5);
        assertThat(f.collecting).isTrue();
        assertThat(f.collectReason).isEqualTo(ModelDescriptor.Reason.DRIFT);
        assertThat(f.collected).isEqualTo(17);
        assertThat(f.consecutiveAnomalies).isEqualTo(2);
        assertThat(f.consecutiveNormals).isEqualTo(6);
        assertThat(f.anomalyStreakStart).isEqualTo(T.minusSeconds(30));
        assertThat(f.openAlertId).isEqualTo("MACHINE_007-ANOMALY-3");
        assertThat(f.alertSeq).isEqualTo(3);
        assertThat(f.anomalyRate).isEqualTo(0.0734);
        assertThat(f.scoredSinceModel).isEqualTo(880);
        assertThat(f.sinceAlert).isEqualTo(12);
        if (learning) {
            assertThat(f.baseline).containsExactly(82.2, 4.55, 1431.5);
            assertThat(f.baselineReadings).isEqualTo(1499);
            assertThat(f.cleanSeen).isEqualTo(600);
            assertThat(f.sampled).isEqualTo(590);
            assertThat(f.nextRefreshAt).isEqualTo(960);
        } else {
            assertThat(f.baseline).as("learned again from the next readings").isNull();
            assertThat(f.baselineReadings).isZero();
            assertThat(f.cleanSeen).isZero();
            assertThat(f.sampled).isZero();
            assertThat(f.nextRefreshAt).isZero();
        }
    }

    static void assertRecent(final ForestState f) {
        assertThat(f.recent).hasSize(2);
        assertThat(f.recent.get(0)).containsExactly(82.1, 4.5, 1430.0);
        assertThat(f.recent.get(1)[0]).isEqualTo(82.3);
        assertThat(f.recent.get(1)[2]).isNaN();
    }

    private static final long[] WINDOW = {0x0F0F_0F0F_0F0F_0F0FL, 3L, 0L, Long.MIN_VALUE};

    /** Format {@code version}: the value of format 4 without what later formats added at its end. */
    private static byte[] olderFormat(final int version) {
        final byte[] four = formatFour();
        int length = four.length;
        if (version < 4) {
            length -= 1 + SeqWindow.WORDS * 8; // the window of sequence numbers: a flag and its words
        }
        if (version < 3) {
            length -= bytes(watches()).length; // the watches' sections
        }
        if (version < 2) {
            length -= 4 + 3 * 8 + 4 * 8; // the baseline (a count and three doubles) and four counters
        }
        final byte[] older = Arrays.copyOf(four, length);
        older[1] = (byte) version;
        return older;
    }

    @Test
    void aValueOfFormatFourIsReadWithEveryField() {
        final MachineContext c = new MachineContextSerde().deserialize("machine-store", formatFour());

        assertMachine(c);
        assertForest(c.forest(), true);
        assertRecent(c.forest());
        assertThat(c.seqWindow).containsExactly(WINDOW);
        assertThat(bytes(c.watches)).as("the watches' sections").isEqualTo(bytes(watches()));
    }

    @Test
    void aValueOfFormatFourIsWrittenBackInTheCurrentFormatWithEveryField() {
        final MachineContextSerde serde = new MachineContextSerde();
        final byte[] current = serde.serialize("machine-store", serde.deserialize("machine-store", formatFour()));

        final MachineContext c = serde.deserialize("machine-store", current);

        assertThat(current[1]).isEqualTo((byte) MachineContextSerde.VERSION);
        assertMachine(c);
        assertForest(c.forest(), true);
        assertRecent(c.forest());
        assertThat(c.seqWindow).containsExactly(WINDOW);
        assertThat(bytes(c.watches)).as("the watches' sections").isEqualTo(bytes(watches()));
        assertThat(serde.serialize("machine-store", c)).as("written the same again").isEqualTo(current);
    }

    @Test
    void aValueOfFormatThreeIsReadWithAnUnknownSequenceWindow() {
        final MachineContext c = new MachineContextSerde().deserialize("machine-store", olderFormat(3));

        assertMachine(c);
        assertForest(c.forest(), true);
        assertRecent(c.forest());
        assertThat(bytes(c.watches)).as("the watches' sections").isEqualTo(bytes(watches()));
        assertThat(c.seqWindow).as("unknown: every number below lastSeq counts as seen").isNull();
        assertThat(SeqWindow.seen(c.seqWindow, c.lastSeq, c.lastSeq - 1)).isTrue();
    }

    @Test
    void aValueOfFormatTwoIsReadWithoutWatchStates() {
        final MachineContextSerde serde = new MachineContextSerde();
        final MachineContext c = serde.deserialize("machine-store", olderFormat(2));

        assertMachine(c);
        assertForest(c.forest(), true);
        assertRecent(c.forest());
        assertThat(c.watches).as("no watch has state yet").isNull();
        assertThat(c.seqWindow).isNull();
        final MachineContext again = serde.deserialize("machine-store", serde.serialize("machine-store", c));
        assertForest(again.forest(), true);
        assertThat(again.watches().isEmpty()).isTrue();
    }

    @Test
    void aValueOfFormatOneIsReadWithoutABaseline() {
        final MachineContext c = new MachineContextSerde().deserialize("machine-store", olderFormat(1));

        assertMachine(c);
        assertForest(c.forest(), false);
        assertRecent(c.forest());
        assertThat(c.watches).isNull();
        assertThat(c.seqWindow).isNull();
    }

    @Test
    void aValueStoredAsJsonIsReadWithEveryField() {
        final MachineContext c = new MachineContextSerde().deserialize("machine-store", resource("format-json.json"));

        assertMachine(c);
        assertForest(c.forest(), true);
        assertThat(c.forest().recent).isNull();
        assertThat(c.seqWindow).isNull();
        assertThat(c.watches).isNull();
    }
}
