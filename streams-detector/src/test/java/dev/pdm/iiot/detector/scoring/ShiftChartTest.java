package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.detector.model.DetectorSettings;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShiftChartTest {

    private final ShiftChart chart = new ShiftChart(DetectorSettings.Shift.defaults());

    /** A chart state: its values, its spread and the clean readings it learned from. */
    private static final class State {
        double[] level;
        double[] spread;
        long clean;
    }

    private double learnFrom(final State s, final double deviation) {
        s.level = chart.follow(s.level, new double[]{deviation});
        s.spread = chart.learn(s.spread, s.clean, s.level);
        s.clean++;
        return chart.strength(s.level, s.spread, s.clean);
    }

    private double judge(final State s, final double deviation) {
        s.level = chart.follow(s.level, new double[]{deviation});
        return chart.strength(s.level, s.spread, s.clean);
    }

    @Test
    void ofIndependentReadingsTheChartLearnsTheTextbookSpread() {
        final SplittableRandom random = new SplittableRandom(3);
        final State s = new State();
        for (int i = 0; i < 20_000; i++) {
            learnFrom(s, random.nextGaussian());
        }
        // an EWMA of independent unit deviations spreads by sqrt(λ / (2 − λ))
        assertThat(Math.sqrt(s.spread[0])).isCloseTo(Math.sqrt(0.1 / 1.9), within(0.03));
    }

    @Test
    void ofAutocorrelatedReadingsItLearnsTheirWiderSpreadSoThatTheirWanderIsNoShift() {
        final SplittableRandom random = new SplittableRandom(5);
        final State s = new State();
        double wander = 0;
        double largest = 0;
        for (int i = 0; i < 20_000; i++) {
            // a slow wander (AR(1), 0.98) of the same size as the noise on top
            wander = 0.98 * wander + Math.sqrt(1 - 0.98 * 0.98) * random.nextGaussian();
            final double strength = learnFrom(s, wander + random.nextGaussian());
            if (i > 5_000) {
                largest = Math.max(largest, strength);
            }
        }
        assertThat(Math.sqrt(s.spread[0])).as("far wider than the textbook 0.23").isGreaterThan(0.5);
        assertThat(largest).as("the wander stays inside the chart's limit").isLessThan(5.0);
    }

    @Test
    void aSustainedShiftOfOneAndAHalfDeviationsCrossesTheLimitWhereASingleSpikeDoesNot() {
        final SplittableRandom random = new SplittableRandom(7);
        final State s = new State();
        assertThat(judge(s, 0.0)).as("no spread yet: no judgement").isZero();
        for (int i = 0; i < 1_000; i++) {
            learnFrom(s, random.nextGaussian());
        }
        final State spike = new State();
        spike.level = s.level.clone();
        spike.spread = s.spread.clone();
        spike.clean = s.clean;
        assertThat(judge(spike, 4.0)).as("one reading 4 deviations away").isLessThan(5.0);

        int crossedAfter = -1;
        for (int i = 0; i < 60 && crossedAfter < 0; i++) {
            if (chart.shifted(s.level, s.spread, s.clean)) {
                crossedAfter = i;
            }
            judge(s, random.nextGaussian() - 1.5);
        }
        assertThat(crossedAfter).as("readings until a shift of 1.5 deviations is seen").isBetween(3, 40);
    }

    @Test
    void beforeItsWarmUpAndWhenOffTheChartSeesNothing() {
        final State s = new State();
        for (int i = 0; i < DetectorSettings.Shift.defaults().warmup() - 1; i++) {
            learnFrom(s, i % 2 == 0 ? 1.0 : -1.0);
        }
        s.level = chart.follow(s.level, new double[]{50.0});
        assertThat(chart.strength(s.level, s.spread, s.clean)).as("still learning its spread").isZero();
        s.clean++;
        assertThat(chart.shifted(s.level, s.spread, s.clean)).isTrue();
        assertThat(new ShiftChart(DetectorSettings.Shift.off()).shifted(s.level, s.spread, s.clean)).isFalse();
    }

    @Test
    void aCleanReadingFarOutWidensTheSpreadByNoMoreThanTheLimit() {
        final State s = new State();
        for (int i = 0; i < 1_000; i++) {
            learnFrom(s, i % 2 == 0 ? 1.0 : -1.0);
        }
        final double before = s.spread[0];
        learnFrom(s, 1_000.0);
        assertThat(s.spread[0]).isLessThanOrEqualTo(before * (1 + 25.0 / 1_000) + 1e-12);
    }
}
