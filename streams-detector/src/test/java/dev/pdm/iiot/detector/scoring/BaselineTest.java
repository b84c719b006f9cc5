package dev.pdm.iiot.detector.scoring;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sensors' baseline: an exponentially weighted mean in time, with capped steps. */
class BaselineTest {

    private final Baseline baseline = new Baseline(Duration.ofMinutes(10));

    @Test
    void theFirstReadingsAreAveragedPlainly() {
        double[] level = null;
        final double[] values = {10, 20, 30, 40};
        for (int n = 0; n < values.length; n++) {
            level = baseline.update(level, n, new double[]{values[n]}, 3.0);
        }
        assertThat(level[0]).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void aChangedLevelIsFollowedWithTheTimeConstant() {
        double[] level = {0.0};
        // one time constant after a step from 0 to 1, read every 3 s: 1 - 1/e of the way
        for (int n = 0; n < 200; n++) {
            level = baseline.update(level, 1_000 + n, new double[]{1.0}, 3.0);
        }
        assertThat(level[0]).isCloseTo(1 - Math.exp(-1), within(1e-6));
    }

    @Test
    void aCappedStepMovesTheLevelAsIfTheReadingLayAtTheCap() {
        final double w = 1 - Math.exp(-3.0 / 600);
        final double[] level = baseline.update(new double[]{65.0, 2.0}, 1_000, new double[]{95.0, 2.1}, 3.0,
                new double[]{0.5, 0.5});
        assertThat(level[0]).as("30 away, capped at 0.5").isCloseTo(65.0 + w * 0.5, within(1e-12));
        assertThat(level[1]).as("within the cap: followed in full").isCloseTo(2.0 + w * 0.1, within(1e-12));
    }

    @Test
    void aDeviationIsMeasuredFromTheLevelAndIsZeroBeforeTheFirstReading() {
        assertThat(Baseline.deviation(new double[]{65.0, 2.0}, new double[]{70.0, 1.5})).containsExactly(5.0, -0.5);
        assertThat(Baseline.deviation(null, new double[]{70.0, 1.5})).containsExactly(0.0, 0.0);
    }
}
