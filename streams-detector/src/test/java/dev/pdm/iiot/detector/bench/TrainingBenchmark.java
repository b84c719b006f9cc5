package dev.pdm.iiot.detector.bench;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.scoring.ForestCodec;
import dev.pdm.iiot.detector.scoring.ForestTrainer;
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

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What one machine's model costs to train: 100 trees over the five sensors on 30 readings (a
 * machine's first model) or 256 (a refresh on a full training set), what the stream thread pays
 * for each model it trains; {@code smileTrees} is the trainer before it grew flat forests itself.
 * Every invocation trains the next model version, so no two invocations grow the same trees.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TrainingBenchmark {

    @Param({"30", "256"})
    int samples;

    private ForestTrainer trainer;
    private SmileReferenceTrainer smile;
    private double[][] rows;
    private int version;

    @Setup
    public void setUp() {
        final SplittableRandom r = new SplittableRandom(42);
        rows = new double[samples][];
        for (int i = 0; i < samples; i++) {
            rows[i] = ScoringBenchmark.reading(r);
        }
        trainer = new ForestTrainer(DetectorSettings.Training.defaults().withSamples(samples));
        smile = new SmileReferenceTrainer(DetectorSettings.Training.defaults().withSamples(samples));
    }

    /** Training a model: standardize, grow the forest, calibrate the threshold. */
    @Benchmark
    public TrainedModel train() {
        return trainer.train("MACHINE_001", ++version, Instant.EPOCH, ModelDescriptor.Reason.REFRESH,
                Sensors.PHYSICAL, rows);
    }

    /**
     * The trainer before it grew flat forests (commit 476d8bb): Smile's trees, converted, the
     * threshold calibrated by scoring the training readings.
     */
    @Benchmark
    public TrainedModel smileTrees() {
        return smile.fit("MACHINE_001", ++version, Instant.EPOCH, ModelDescriptor.Reason.REFRESH,
                Sensors.PHYSICAL, rows).model();
    }

    /** Training and encoding it for the model store, as the stream thread does. */
    @Benchmark
    public byte[] trainAndEncode() {
        return ForestCodec.encode(train());
    }
}
