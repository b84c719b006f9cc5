package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.Sensors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForestTest {

    private static final Instant T = Instant.parse("2025-11-21T08:00:00Z");
    private static final List<String> FEATURES = Sensors.PHYSICAL;

    static double[][] healthy(final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[]{65 + r.nextGaussian(), 2 + 0.1 * r.nextGaussian(), 10 + 0.3 * r.nextGaussian(),
                6 + 0.05 * r.nextGaussian(), 1500 + 8 * r.nextGaussian()};
        }
        return rows;
    }

    private static TrainedModel train(final DetectorSettings.Training settings, final double[][] rows) {
        return new ForestTrainer(settings).train("M1", 1, T, ModelDescriptor.Reason.INITIAL, FEATURES, rows);
    }

    /** A model the way the trainer made it before it grew flat forests itself, with Smile's forest. */
    private static SmileReferenceTrainer.Fit smileFit(final DetectorSettings.Training settings, final double[][] rows) {
        return new SmileReferenceTrainer(settings).fit("M1", 1, T, ModelDescriptor.Reason.INITIAL, FEATURES, rows);
    }

    @Test
    void aSmileForestConvertedToAFlatForestScoresExactlyAsSmileDoes() {
        final double[][] rows = healthy(256, 1);
        for (final int extension : new int[]{0, 2, 4}) {
            final SmileReferenceTrainer.Fit fit = smileFit(DetectorSettings.Training.defaults().withSamples(256)
                    .withExtensionLevel(extension), rows);
            final TrainedModel model = fit.model();
            for (final double[] x : healthy(200, 99)) {
                final double[] z = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    z[k] = (x[k] - model.means()[k]) / model.scale(k);
                }
                assertThat(model.forest().score(z)).as("extension %d", extension)
                        .isCloseTo(fit.smile().score(z), org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void theThresholdLeavesContaminationOfTheTrainingScoresAboveIt() {
        final double[][] rows = healthy(200, 2);
        final TrainedModel model = train(DetectorSettings.Training.defaults().withSamples(200), rows);
        final long above = Arrays.stream(rows).filter(x -> model.score(x) > model.threshold()).count();
        assertThat(above).isBetween(28L, 31L);
    }

    @Test
    void trainingIsReproducibleAndEachTreeSeesASubsample() {
        final double[][] rows = healthy(600, 3);
        final DetectorSettings.Training settings = DetectorSettings.Training.defaults().withSamples(600);
        final TrainedModel a = train(settings, rows);
        final TrainedModel b = train(settings, rows);
        assertThat(a.forest()).isEqualTo(b.forest());
        assertThat(a.forest().sampleSize()).isEqualTo(256);
        assertThat(a.subsample()).isCloseTo(256 / 600.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aFaultScoresHigherThanEveryHealthyReading() {
        final TrainedModel model = train(DetectorSettings.Training.defaults(), healthy(30, 4));
        final double fault = model.score(new double[]{95, 6.5, 17.5, 6.0, 1380});
        for (final double[] x : healthy(100, 5)) {
            assertThat(model.score(x)).isLessThan(fault);
        }
        assertThat(fault).isGreaterThan(model.threshold() + DetectorSettings.Alerting.defaults().criticalMargin());
    }

    @Test
    void theCodecRoundTripsAModelExactly() {
        for (final int n : new int[]{30, 256}) {
            for (final int extension : new int[]{0, 4}) {
                final TrainedModel model = train(DetectorSettings.Training.defaults().withSamples(n)
                        .withExtensionLevel(extension), healthy(n, n));
                assertThat(ForestCodec.decode(ForestCodec.encode(model)).forest()).isEqualTo(model.forest());
            }
            final TrainedModel model = train(DetectorSettings.Training.defaults().withSamples(n), healthy(n, n));
            final byte[] bytes = ForestCodec.encode(model);
            final TrainedModel back = ForestCodec.decode(bytes);
            assertThat(back.forest()).isEqualTo(model.forest());
            assertThat(back.threshold()).isEqualTo(model.threshold());
            assertThat(back.means()).containsExactly(model.means());
            assertThat(back.features()).isEqualTo(FEATURES);
            assertThat(back.version()).isEqualTo(1);
            assertThat(back.trainedAt()).isEqualTo(T);
        }
    }

    @Test
    void theFlatFormatIsFarSmallerThanSmilesJavaSerialization() throws IOException {
        final SmileReferenceTrainer.Fit fit = smileFit(DetectorSettings.Training.defaults(), healthy(30, 6));
        final ByteArrayOutputStream java = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(java)) {
            out.writeObject(fit.smile());
        }
        assertThat(ForestCodec.encode(fit.model()).length * 4).isLessThan(java.size());
    }

    @Test
    void aJavaSerializedSmileModelIsReadThroughTheAllowList() {
        final SmileReferenceTrainer.Fit fit = smileFit(DetectorSettings.Training.defaults(), healthy(30, 7));
        final TrainedModel back = ForestCodec.decode(ForestCodec.encodeSmile(fit.model(), fit.smile()));
        final double[] x = {70, 2.5, 11, 6, 1490};
        assertThat(back.score(x)).isCloseTo(fit.model().score(x), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aJavaSerializedObjectOutsideTheAllowListIsRefused() throws IOException {
        final SmileReferenceTrainer.Fit fit = smileFit(DetectorSettings.Training.defaults(), healthy(30, 8));
        final byte[] good = ForestCodec.encodeSmile(fit.model(), fit.smile());
        final byte[] header = ForestCodec.encode(fit.model());
        // same header, but the Java object is a list instead of a forest
        final int headerLength = headerLength(good);
        final ByteArrayOutputStream evil = new ByteArrayOutputStream();
        evil.write(good, 0, headerLength);
        try (ObjectOutputStream out = new ObjectOutputStream(evil)) {
            out.writeObject(new ArrayList<>(List.of("not", "a", "forest")));
        }
        assertThat(header).isNotEmpty();
        assertThatThrownBy(() -> ForestCodec.decode(evil.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allow-list");
    }

    @Test
    void corruptOrForeignBytesAreRefused() {
        final byte[] bytes = ForestCodec.encode(train(DetectorSettings.Training.defaults(), healthy(30, 9)));
        assertThatThrownBy(() -> ForestCodec.decode(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForestCodec.decode(new byte[]{1, 2, 3, 4, 5, 6}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic");
        final byte[] future = bytes.clone();
        future[4] = 9;
        assertThatThrownBy(() -> ForestCodec.decode(future)).hasMessageContaining("codec version 9");
    }

    /** Where the Java stream starts in a format-2 model: right after the sample size that follows the header. */
    private static int headerLength(final byte[] smileFormat) {
        for (int i = 0; i < smileFormat.length - 1; i++) {
            if ((smileFormat[i] & 0xFF) == 0xAC && (smileFormat[i + 1] & 0xFF) == 0xED) {
                return i;
            }
        }
        throw new AssertionError("no Java stream found");
    }

}
