package dev.pdm.iiot.detector.bench;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.scoring.ForestTrainer;
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
 * Scores per second of a detector's fleet: each score uses the model of the next machine, in a
 * shuffled order, as a stream task sees readings of thousands of machines. One machine's forest
 * fits the processor's cache and a fleet's does not (2,000 machines with models trained on 256
 * readings hold about 400 MB), so this is the cost the topology pays per reading, and
 * {@code machines=1} is the cost when the forest stays in the cache (as in {@link ScoringBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class FleetScoringBenchmark {

    @Param({"1", "2000"})
    int machines;

    @Param({"256"})
    int samples;

    private TrainedModel[] models;
    private int[] order;
    private double[][] points;
    private int next;

    @Setup
    public void setUp() {
        final SplittableRandom r = new SplittableRandom(42);
        final ForestTrainer trainer = new ForestTrainer(DetectorSettings.Training.defaults().withSamples(samples));
        models = new TrainedModel[machines];
        for (int m = 0; m < machines; m++) {
            final double[][] rows = new double[samples][];
            for (int i = 0; i < samples; i++) {
                rows[i] = ScoringBenchmark.reading(r);
            }
            models[m] = trainer.train(String.format("PUMP_%05d", m), 1, Instant.EPOCH,
                    ModelDescriptor.Reason.INITIAL, Sensors.PHYSICAL, rows);
        }
        order = new int[Math.max(machines, 4096)];
        for (int i = 0; i < order.length; i++) {
            order[i] = i % machines;
        }
        for (int i = order.length - 1; i > 0; i--) {
            final int j = r.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        points = new double[1024][];
        for (int i = 0; i < points.length; i++) {
            points[i] = i % 50 == 0 ? new double[]{90, 6, 17, 5.5, 1380} : ScoringBenchmark.reading(r);
        }
    }

    /** One reading of the next machine, scored with that machine's model. */
    @Benchmark
    public double score() {
        next++;
        return models[order[next % order.length]].score(points[next & 1023]);
    }
}
