package dev.pdm.iiot.detector.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded uniform sample of a machine's clean readings (reservoir sampling). */
class TrainingSampleTest {

    private final TrainingSample sample = new TrainingSample(100, 42);

    @Test
    void everyReadingIsKeptWhileThereIsRoom() {
        for (int seen = 1; seen <= 100; seen++) {
            assertThat(sample.slot("M1", seen)).isEqualTo(seen - 1);
        }
    }

    @Test
    void beyondItsCapacityItHoldsAUniformSampleOfEverythingOffered() {
        List<double[]> rows = new ArrayList<>();
        final int offered = 10_000;
        for (int seen = 1; seen <= offered; seen++) {
            final int slot = sample.slot("M1", seen);
            if (slot >= 0) {
                rows = TrainingSample.put(rows, slot, new double[]{seen});
            }
        }
        assertThat(rows).hasSize(100);
        final long lateHalf = rows.stream().filter(r -> r[0] > offered / 2.0).count();
        final long first100 = rows.stream().filter(r -> r[0] <= 100).count();
        assertThat(lateHalf).as("about half of a uniform sample comes from the later half").isBetween(35L, 65L);
        assertThat(first100).as("the first readings do not stay: about 1 of them in a uniform sample").isLessThan(6);
    }

    @Test
    void theDrawsAreReproduciblePerMachineAndCount() {
        assertThat(sample.slot("M1", 5_000)).isEqualTo(new TrainingSample(100, 42).slot("M1", 5_000));
        final long differ = java.util.stream.LongStream.rangeClosed(101, 2_000)
                .filter(n -> sample.slot("M1", n) != sample.slot("M2", n)).count();
        assertThat(differ).as("machines draw independently").isPositive();
    }
}
