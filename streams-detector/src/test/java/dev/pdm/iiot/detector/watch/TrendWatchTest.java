package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The trend watch's reference: temperature expected from the heat of the current through its thermal
 * lag, and a reference of an earlier layout replaced without a gap.
 */
class TrendWatchTest {

    private static final Instant T0 = Instant.parse("2025-11-21T00:00:00Z");
    private static final List<String> FEATURES = List.of("temperature", "vibration", "current");

    /**
     * A reference learned from one cause alone (two nearly collinear values, as the heat's two
     * levels are): the ridge shrinks the fit towards the mean by about its own share, a bias of
     * a tenth of the load's effect; calibrated, the expectation holds at a cause twice as far as any
     * the reference saw.
     */
    @Test
    void aCalibratedExpectationHoldsBeyondTheCausesTheReferenceSaw() {
        final SplittableRandom random = new SplittableRandom(5);
        final Reference reference = Reference.empty(2, 4);
        for (int i = 0; i < 720; i++) {
            final double cause = 100 + 10 * Math.sin(i / 100.0);
            final double lagged = cause + 0.5 * random.nextGaussian();
            reference.add(new double[] {25 + 0.4 * cause + 0.05 * random.nextGaussian(), 0, cause, lagged});
        }
        final int[] sensorOf = {0, 1, 1, 1};
        final boolean[][] predictors = {{false, false, true, true}, {false, false, false, false}};
        final double[] sample = {0, 0, 80, 80};
        final double[] expected = new double[2];
        final double[] scatter = new double[2];

        reference.expect(sample, new Reference.Layout(sensorOf, predictors, new boolean[] {true, false}), expected, scatter);
        final double calibrated = expected[0];
        assertThat(calibrated).as("calibrated: 25 + 0.4 × 80").isCloseTo(57.0, within(0.1));
        assertThat(scatter[0]).as("the scatter of the fit, not of the ridge's bias").isLessThan(0.2);

        reference.expect(sample, new Reference.Layout(sensorOf, predictors, new boolean[2]), expected, scatter);
        assertThat(expected[0] - 57.0).as("the ridge alone: shrunk towards the mean (65)")
                .isGreaterThan(0.3).isGreaterThan(4 * Math.abs(calibrated - 57.0));
    }

    @Test
    void temperatureIsExpectedFromTheHeatOfTheCurrentWhenTheMachineReportsBoth() {
        final Reference.Layout heat = Reference.Layout.withCause(3, 2, 2, 2, 0);
        assertThat(heat.size()).isEqualTo(8);
        assertThat(heat.predictors()[0]).as("temperature: the two heat values alone")
                .containsExactly(false, false, false, false, false, false, true, true);
        assertThat(heat.predictors()[1]).as("vibration: the other sensors' levels, as before")
                .containsExactly(true, false, true, true, false, true, false, false);
        assertThat(heat.sensorOf()).as("the heat is the current's: left out with it")
                .containsExactly(0, 1, 2, 0, 1, 2, 2, 2);
        assertThat(heat.calibrated()).containsExactly(true, false, false);
        assertThat(Reference.Layout.levels(3, 2).calibrated()).containsExactly(false, false, false);
    }

    @Test
    void temperatureIsJudgedAtItsFastLevelAgainstTheLaggedHeat() {
        final Reference.Layout thermal = Reference.Layout.withLaggedCause(3, 2, 2, 2, 0);
        assertThat(thermal.size()).isEqualTo(9);
        assertThat(thermal.judged()).as("temperature by its fast level, the others by their levels")
                .containsExactly(6, 1, 2);
        assertThat(thermal.predictors()[0]).as("temperature: the two lagged heat values alone")
                .containsExactly(false, false, false, false, false, false, false, true, true);
        assertThat(thermal.predictors()[2]).as("current: the other sensors' levels, as before")
                .containsExactly(true, true, false, true, true, false, false, false, false);
        assertThat(thermal.sensorOf()).as("the fast level is temperature's, the lagged heat the current's")
                .containsExactly(0, 1, 2, 0, 1, 2, 0, 2, 2);
        assertThat(thermal.ridge()).as("least squares for the physical model, the ridge for the rest")
                .containsExactly(0.0, 0.1, 0.1);
    }

    /**
     * The plant's temperature follows the heat with a thermal lag of 15 min, its load moving with a
     * random demand: over the day after the reference's 12 hours, the thermal model (lags of 10 and
     * 20 min, a 10-minute level) misses the temperature by about 0.2 °C at most, the heat's slow
     * levels of format 2 by about 0.7 °C.
     */
    @Test
    void theLaggedHeatExpectsTheTemperatureCloserThanTheHeatLevels() {
        final TrendWatch trend = new TrendWatch(WatchSettings.defaults());
        final TrendWatch.State s = trend.initial();
        final Plant plant = new Plant(0.03);
        final Reference heat = Reference.empty(3, 8);
        final Reference.Layout heatLayout = Reference.Layout.withCause(3, 2, 2, 2, 0);
        final double[] expected = new double[3];
        final double[] scatter = new double[3];
        double heatMiss = 0;
        double thermalMiss = 0;
        for (int i = 0; i < 36 * 360; i++) {
            trend.onReading(s, plant.next());
            if (i % 6 != 0 || i < 360) {
                continue;
            }
            final double[] heatSample = heatSample(s);
            if (i < 13 * 360) {
                heat.add(heatSample);
            } else {
                heat.expect(heatSample, heatLayout, expected, scatter);
                heatMiss = Math.max(heatMiss, Math.abs(s.level[0] - expected[0]));
                final double[] thermalSample = thermalSample(s);
                s.reference.expect(thermalSample, thermalLayout(), expected, scatter);
                thermalMiss = Math.max(thermalMiss, Math.abs(s.thermal[0] - expected[0]));
            }
        }
        assertThat(s.reference.dim()).isEqualTo(9);
        assertThat(thermalMiss).as("the thermal model's largest miss, °C").isLessThan(0.3);
        assertThat(heatMiss).as("the heat levels' largest miss, °C").isGreaterThan(2.5 * thermalMiss);
    }

    /**
     * A machine judged by a reference of the earlier layout (its state written before the heat
     * levels, format 1) is read back, keeps being judged by it, and learns the reference with the
     * heat beside it, which takes over after the reference's healthy time.
     */
    @Test
    void aReferenceOfTheEarlierLayoutKeepsJudgingUntilTheNewOneHasLearned() {
        final WatchSettings settings = WatchSettings.defaults().withTrend(WatchSettings.Trend.defaults()
                .withLevel(Duration.ofMinutes(5)).withReference(Duration.ofHours(2)));
        final TrendWatch before = new TrendWatch(settings.withTrend(settings.trend().withHeating(false)));
        final TrendWatch.State old = before.initial();
        final Plant plant = new Plant();
        for (int i = 0; i < 3 * 360; i++) {
            before.onReading(old, plant.next());
        }
        assertThat(old.armed(settings.trend())).isTrue();
        assertThat(old.reference.dim()).as("levels and slower levels of 3 sensors").isEqualTo(6);
        assertThat(old.heat).as("kept whatever the setting, when the machine reports both").isNotNull();

        // format 1: format 3 without the heat, the pending reference and its span, and the thermal values at the end
        final BinaryWriter out = new BinaryWriter(256);
        old.heat = null;
        old.thermal = null;
        old.write(out);
        final byte[] current = out.toByteArray();
        final byte[] formatOne = Arrays.copyOf(current, current.length - 4 - 1 - 8 - 4);
        final TrendWatch after = new TrendWatch(settings);
        final TrendWatch.State s = after.read(new BinaryReader(formatOne, 0), 1);
        assertThat(s.reference.mean).as("kept (in single precision)").containsExactly(old.reference.mean, within(1e-4));
        assertThat(s.referenceSpan).isEqualTo(old.referenceSpan);
        assertThat(s.heat).isNull();

        for (int i = 0; i < 360; i++) {
            final Verdict v = after.onReading(s, plant.next());
            assertThat(v == null || v.level() != Verdict.Level.ALERT).as("healthy, reading %d", i).isTrue();
        }
        assertThat(s.reference.dim()).as("still judged by what it learned").isEqualTo(6);
        assertThat(s.pending.dim()).as("the reference with the thermal model, learning").isEqualTo(9);
        final TrendWatch.State again = after.read(new BinaryReader(bytes(s), 0), TrendWatch.VERSION);
        assertThat(bytes(again)).as("format 3 reads back what it wrote").isEqualTo(bytes(s));

        for (int i = 0; i < 2 * 360; i++) {
            after.onReading(again, plant.next());
        }
        assertThat(again.reference.dim()).as("taken over").isEqualTo(9);
        assertThat(again.pending).isNull();
        assertThat(again.armed(settings.trend())).isTrue();
    }

    /**
     * A machine judged by a reference with the heat levels (format 2) is read back, keeps being
     * judged by it, and learns the thermal model's reference beside it, which takes over after the
     * reference's healthy time.
     */
    @Test
    void aReferenceOfTheHeatLevelsKeepsJudgingUntilTheThermalOneHasLearned() {
        final WatchSettings settings = WatchSettings.defaults().withTrend(WatchSettings.Trend.defaults()
                .withLevel(Duration.ofMinutes(5)).withReference(Duration.ofHours(2)));
        final TrendWatch trend = new TrendWatch(settings);
        final TrendWatch.State old = trend.initial();
        final Plant plant = new Plant();
        final Reference heat = Reference.empty(3, 8);
        for (int i = 0; i < 3 * 360; i++) {
            trend.onReading(old, plant.next());
            if (i % 6 == 0 && i >= 30) {
                heat.add(heatSample(old));
            }
        }
        // as format 2 kept it: judged by the heat levels' reference, without the thermal values
        old.reference = heat;
        old.referenceSpan = Duration.ofHours(2).toSeconds() + 1;
        old.pending = null;
        old.pendingSpan = 0;
        old.thermal = null;
        final byte[] current = bytes(old);
        final byte[] formatTwo = Arrays.copyOf(current, current.length - 4);
        final TrendWatch.State s = trend.read(new BinaryReader(formatTwo, 0), 2);
        assertThat(s.reference.dim()).isEqualTo(8);
        assertThat(s.heat).containsExactly(old.heat);
        assertThat(s.thermal).isNull();

        for (int i = 0; i < 360; i++) {
            final Verdict v = trend.onReading(s, plant.next());
            assertThat(v == null || v.level() != Verdict.Level.ALERT).as("healthy, reading %d", i).isTrue();
        }
        assertThat(s.reference.dim()).as("still judged by what it learned").isEqualTo(8);
        assertThat(s.thermal).as("started from the levels").isNotNull();
        assertThat(s.pending.dim()).as("the thermal model's reference, learning").isEqualTo(9);
        for (int i = 0; i < 2 * 360; i++) {
            final Verdict v = trend.onReading(s, plant.next());
            assertThat(v == null || v.level() != Verdict.Level.ALERT).as("healthy, reading %d", i).isTrue();
        }
        assertThat(s.reference.dim()).as("taken over").isEqualTo(9);
        assertThat(s.pending).isNull();
        assertThat(s.armed(settings.trend())).isTrue();
    }

    @Test
    void aMachineWhoseFeaturesNoLongerHoldCurrentLearnsAReferenceWithoutTheHeat() {
        final WatchSettings settings = WatchSettings.defaults().withTrend(WatchSettings.Trend.defaults()
                .withLevel(Duration.ofMinutes(5)).withReference(Duration.ofHours(2)));
        final TrendWatch trend = new TrendWatch(settings);
        final TrendWatch.State s = trend.initial();
        final Plant plant = new Plant();
        for (int i = 0; i < 3 * 360; i++) {
            trend.onReading(s, plant.next());
        }
        assertThat(s.reference.dim()).isEqualTo(9);

        final List<String> other = List.of("temperature", "vibration", "pressure");
        for (int i = 0; i < 120; i++) {
            final Observation o = plant.next();
            trend.onReading(s, new Observation(o.machineId(), o.reading(), other, o.values(), o.now(), true, true));
        }
        assertThat(s.heat).isNull();
        assertThat(s.thermal).isNull();
        assertThat(s.reference.dim()).as("learned again, without the heat").isEqualTo(6);
        assertThat(s.armed(settings.trend())).isFalse();
    }

    /** A sample of format 2's layout: the levels, the slower levels, the heat's two levels. */
    private static double[] heatSample(final TrendWatch.State s) {
        return new double[] {s.level[0], s.level[1], s.level[2], s.slow[0], s.slow[1], s.slow[2], s.heat[0], s.heat[1]};
    }

    /** A sample of the thermal model's layout: the levels, the slower levels, temperature's fast level, the lagged heat's two levels. */
    private static double[] thermalSample(final TrendWatch.State s) {
        return new double[] {s.level[0], s.level[1], s.level[2], s.slow[0], s.slow[1], s.slow[2], s.thermal[0],
                s.thermal[3], s.thermal[4]};
    }

    private static Reference.Layout thermalLayout() {
        return Reference.Layout.withLaggedCause(3, 2, 2, 2, 0);
    }

    private static byte[] bytes(final TrendWatch.State s) {
        final BinaryWriter out = new BinaryWriter(256);
        s.write(out);
        return out.toByteArray();
    }

    /**
     * A motor whose temperature follows the heat of its current with a thermal lag (15 min), at a
     * slowly moving load, one reading every 10 s.
     */
    private static final class Plant {
        private final SplittableRandom random = new SplittableRandom(11);
        private final double demandSigma;
        private double demand;
        private int n;
        private double temperature = Double.NaN;

        Plant() {
            this(0);
        }

        /** With a randomly moving demand on top of the load (its standard deviation, a share of the load; 5 min memory). */
        Plant(final double demandSigma) {
            this.demandSigma = demandSigma;
        }

        Observation next() {
            final Instant t = T0.plusSeconds(10L * n);
            final double phi = Math.exp(-10 / 300.0);
            demand = demandSigma == 0 ? 0 : demand * phi + demandSigma * Math.sqrt(1 - phi * phi) * random.nextGaussian();
            final double load = 1 + 0.2 * Math.sin(2 * Math.PI * n / 8640.0) + demand;
            final double current = 10 * (0.35 + 0.65 * load);
            final double steady = 25 + 40 * (current / 10) * (current / 10);
            temperature = Double.isNaN(temperature) ? steady : temperature + (steady - temperature) * (1 - Math.exp(-10 / 900.0));
            n++;
            final double[] x = {temperature + 0.2 * random.nextGaussian(), 2 + 0.05 * random.nextGaussian(),
                    current + 0.1 * random.nextGaussian()};
            return new Observation("MACHINE_001", TelemetryReading.of("MACHINE_001", t,
                    Map.of("temperature", x[0], "vibration", x[1], "current", x[2])), FEATURES, x, t, true, true);
        }
    }
}
