package dev.pdm.iiot.detector.model;

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

    /** Asserts that {@code c} is the machine the fixtures hold, field by field (the forest's, then the machine's). */
    static void assertStoredMachine(final MachineContext c) {
        assertThat(c.machineId).isEqualTo("MACHINE_007");
        assertThat(c.lastSeq).isEqualTo(1234L);
        assertThat(c.lastTimestamp).isEqualTo(T);
        assertThat(c.lastReading).isEqualTo(reading(1234, 1433.0));
        assertThat(c.readings).isEqualTo(1500);
        assertThat(c.duplicates).isEqualTo(3);
        assertThat(c.updatedAt).isEqualTo(T.plusSeconds(1));

        assertThat(c.lastScore).isEqualTo(0.5123);
        assertThat(c.state).isEqualTo(MachineState.ANOMALY);
        assertThat(c.anomalies).isEqualTo(42);
        assertThat(c.modelVersion).as("the model is kept: no retraining").isEqualTo(4);
        assertThat(c.threshold).isEqualTo(0.5581);
        assertThat(c.latestVersion).isEqualTo(5);
        assertThat(c.collecting).isTrue();
        assertThat(c.collectReason).isEqualTo(ModelDescriptor.Reason.DRIFT);
        assertThat(c.collected).isEqualTo(17);
        assertThat(c.consecutiveAnomalies).isEqualTo(2);
        assertThat(c.consecutiveNormals).isEqualTo(6);
        assertThat(c.anomalyStreakStart).isEqualTo(T.minusSeconds(30));
        assertThat(c.openAlertId).isEqualTo("MACHINE_007-ANOMALY-3");
        assertThat(c.alertSeq).isEqualTo(3);
        assertThat(c.anomalyRate).isEqualTo(0.0734);
        assertThat(c.scoredSinceModel).isEqualTo(880);
        assertThat(c.sinceAlert).isEqualTo(12);
        assertThat(c.baseline).containsExactly(82.2, 4.55, 1431.5);
        assertThat(c.baselineReadings).isEqualTo(1499);
        assertThat(c.cleanSeen).isEqualTo(600);
        assertThat(c.sampled).isEqualTo(590);
        assertThat(c.nextRefreshAt).isEqualTo(960);
    }

    @Test
    void aValueOfFormatFourIsReadWithEveryField() {
        final MachineContext c = new MachineContextSerde().deserialize("machine-store", formatFour());

        assertStoredMachine(c);
        assertThat(c.recent).hasSize(2);
        assertThat(c.recent.get(0)).containsExactly(82.1, 4.5, 1430.0);
        assertThat(c.recent.get(1)[0]).isEqualTo(82.3);
        assertThat(c.recent.get(1)[2]).isNaN();
        assertThat(c.seqWindow).containsExactly(0x0F0F_0F0F_0F0F_0F0FL, 3L, 0L, Long.MIN_VALUE);
        assertThat(bytes(c.watches)).as("the watches' sections").isEqualTo(bytes(watches()));
    }

    @Test
    void aValueStoredAsJsonIsReadWithEveryField() {
        final MachineContext c = new MachineContextSerde().deserialize("machine-store", resource("format-json.json"));

        assertStoredMachine(c);
        assertThat(c.recent).isNull();
        assertThat(c.seqWindow).isNull();
        assertThat(c.watches).isNull();
    }
}
