package dev.pdm.iiot.detector.scoring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Models stored before the trainer grew flat forests itself (commit 476d8bb: Smile's trees,
 * converted): 10 trees trained on 30 readings of machine {@code PUMP_7}, version 3, stored in the flat
 * format (extension levels 0 and 4) and as Smile's Java serialization, with the scores that code gave
 * 20 readings, a quarter of them far off. They decode and score as they did, to the bit.
 */
class StoredModelFormatsTest {

    private static byte[] resource(final String name) throws IOException {
        try (InputStream in = StoredModelFormatsTest.class.getResourceAsStream("/stored-models/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Lines of five readings and the score then, the header's comment skipped. */
    private static List<double[]> scores(final String name) throws IOException {
        final List<double[]> lines = new ArrayList<>();
        for (final String line : new String(resource(name), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return lines;
    }

    private static void assertScoresAsStored(final TrainedModel model, final List<double[]> expected) {
        assertThat(expected).hasSize(20);
        for (final double[] line : expected) {
            assertThat(model.score(Arrays.copyOf(line, 5))).isEqualTo(line[5]);
        }
    }

    @Test
    void aFlatModelStoredBeforeDecodesAndScoresAsItDid() throws IOException {
        final TrainedModel model = ForestCodec.decode(resource("model-ext0-flat.bin"));
        assertThat(model.machineId()).isEqualTo("PUMP_7");
        assertThat(model.version()).isEqualTo(3);
        assertThat(model.forest().trees()).isEqualTo(10);
        assertThat(model.forest().sampleSize()).isEqualTo(30);
        assertScoresAsStored(model, scores("model-ext0-scores.csv"));
        // and stored again, it reads back the same
        assertThat(ForestCodec.decode(ForestCodec.encode(model)).forest()).isEqualTo(model.forest());
    }

    @Test
    void anExtendedFlatModelStoredBeforeDecodesAndScoresAsItDid() throws IOException {
        final TrainedModel model = ForestCodec.decode(resource("model-ext4-flat.bin"));
        assertThat(model.extensionLevel()).isEqualTo(4);
        assertScoresAsStored(model, scores("model-ext4-scores.csv"));
    }

    @Test
    void aSmileModelStoredBeforeDecodesAndScoresAsItDid() throws IOException {
        final TrainedModel model = ForestCodec.decode(resource("model-ext0-smile.bin"));
        assertThat(model.forest()).isEqualTo(ForestCodec.decode(resource("model-ext0-flat.bin")).forest());
        assertScoresAsStored(model, scores("model-ext0-scores.csv"));
    }
}
