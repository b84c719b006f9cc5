package dev.pdm.iiot.detector.bench;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.scoring.ForestCodec;
import dev.pdm.iiot.detector.scoring.ForestTrainer;
import dev.pdm.iiot.detector.scoring.SmileReferenceTrainer;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.Sensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.SplittableRandom;

/** Prints the stored size of a 100-tree, 5-feature model after 30 and 256 training readings. */
public final class ModelSizeReport {

    private ModelSizeReport() {
    }

    public static void main(final String... args) throws IOException {
        System.out.println("training readings | flat codec (stored) bytes | nodes | Smile's trees (the trainer before):"
                + " flat codec bytes | Java serialization bytes | nodes");
        for (final int n : new int[]{30, 256, 1000}) {
            final SplittableRandom r = new SplittableRandom(n);
            final double[][] rows = new double[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = new double[]{65 + r.nextGaussian(), 2 + 0.1 * r.nextGaussian(), 10 + 0.3 * r.nextGaussian(),
                    6 + 0.05 * r.nextGaussian(), 1500 + 8 * r.nextGaussian()};
            }
            final TrainedModel model = new ForestTrainer(DetectorSettings.Training.defaults().withSamples(n))
                    .train("MACHINE_001", 1, Instant.EPOCH, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
            final SmileReferenceTrainer.Fit fit = new SmileReferenceTrainer(DetectorSettings.Training.defaults()
                    .withSamples(n)).fit("MACHINE_001", 1, Instant.EPOCH, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
            final ByteArrayOutputStream java = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(java)) {
                out.writeObject(fit.smile());
            }
            System.out.printf("%d | %d | %d | %d | %d | %d%n", n, ForestCodec.encode(model).length, model.forest().nodes(),
                    ForestCodec.encode(fit.model()).length, java.size(), fit.model().forest().nodes());
        }
    }
}
