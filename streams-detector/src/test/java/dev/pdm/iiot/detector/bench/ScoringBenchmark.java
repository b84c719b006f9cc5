package dev.pdm.iiot.detector.bench;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.scoring.ForestCodec;
import dev.pdm.iiot.detector.scoring.SmileReferenceTrainer;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.Sensors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import smile.anomaly.IsolationForest;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Scores per second of one machine's model: 100 trees over the five sensors, trained on 30 or 256
 * readings; the platform's flat forest against Smile's own forest, and the decode of a stored model
 * (paid once per model version, never per reading).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ScoringBenchmark {

    @Param({"30", "256"})
    int samples;

    private TrainedModel model;
    private IsolationForest smile;
    private byte[] stored;
    private double[][] points;
    private double[][] standardized;
    private int next;

    @Setup
    public void setUp() {
        final SplittableRandom r = new SplittableRandom(42);
        final double[][] rows = new double[samples][];
        for (int i = 0; i < samples; i++) {
            rows[i] = reading(r);
        }
        // Smile's trees, converted: the flat forest and Smile's own score the same trees
        final SmileReferenceTrainer.Fit fit = new SmileReferenceTrainer(DetectorSettings.Training.defaults().withSamples(samples))
                .fit("MACHINE_001", 1, Instant.EPOCH, ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
        model = fit.model();
        smile = fit.smile();
        stored = ForestCodec.encode(model);
        points = new double[1024][];
        standardized = new double[1024][];
        for (int i = 0; i < points.length; i++) {
            points[i] = i % 10 == 0 ? new double[]{90, 6, 17, 5.5, 1380} : reading(r);
            standardized[i] = new double[5];
            for (int k = 0; k < 5; k++) {
                standardized[i][k] = (points[i][k] - model.means()[k]) / model.scale(k);
            }
        }
    }

    /** A healthy pump's five sensors, at random. */
    static double[] reading(final SplittableRandom r) {
        return new double[]{65 + r.nextGaussian(), 2 + 0.1 * r.nextGaussian(), 10 + 0.3 * r.nextGaussian(),
            6 + 0.05 * r.nextGaussian(), 1500 + 8 * r.nextGaussian()};
    }

    /** What the topology runs per reading: standardize and score with the flat forest. */
    @Benchmark
    public double flatForest() {
        next = (next + 1) & 1023;
        return model.score(points[next]);
    }

    /** Smile's IsolationForest.score on the same standardized point. */
    @Benchmark
    public double smileForest() {
        next = (next + 1) & 1023;
        return smile.score(standardized[next]);
    }

    /** Decoding a stored model: once per machine and model version. */
    @Benchmark
    public TrainedModel decodeStoredModel() {
        return ForestCodec.decode(stored);
    }
}
