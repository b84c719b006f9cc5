package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.model.SeqWindow;
import dev.pdm.iiot.detector.scoring.FeatureVector;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.detector.scoring.TrainingSample;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-reading logic without stores: baselines, refreshes, drift, and which anomalies count towards an alert. */
class MachineDetectorTest {

    /** The detector as it was before baselines and refreshes. */
    private static final class EvaluateSettings {
        static final DetectorSettings PROTOTYPE = DetectorSettings.defaults()
                .withLearning(DetectorSettings.Learning.off())
                .withDrift(DetectorSettings.Drift.on())
                .withAlerting(DetectorSettings.Alerting.defaults()
                        .withSeverityMode(DetectorSettings.SeverityMode.RELATIVE).withZ(3.0, 6.0));
    }

    /** One machine's state kept in memory, as the evaluate command keeps it. */
    private static final class Machine {
        final MachineDetector detector;
        final MachineContext ctx = MachineContext.initial("MACHINE_001");
        final TrainingRows rows = TrainingRows.inMemory();
        TrainedModel model;
        Alert open;
        final List<TrainedModel> trained = new ArrayList<>();
        final List<Alert> raised = new ArrayList<>();
        final java.util.Map<String, Alert> stored = new java.util.HashMap<>();

        Machine(final DetectorSettings settings) {
            this.detector = new MachineDetector(settings);
        }

        MachineDetector.Step accept(final TelemetryReading r) {
            final MachineDetector.Step step = detector.onReading(ctx, rows, model, open, r, r.timestamp(), stored::get);
            step.watchAlerts().forEach(a -> stored.put(a.alertId(), a));
            if (step.trained() != null) {
                model = step.trained();
                trained.add(model);
            }
            if (step.alert() != null) {
                if (open == null || !open.alertId().equals(step.alert().alertId())) {
                    raised.add(step.alert());
                }
                open = step.alert().status().isOpen() ? step.alert() : null;
            }
            return step;
        }

        /** The machine's training sample as the next refresh would read it. */
        List<double[]> sample() {
            return rows.rows(ctx.machineId, detector.sampleSize(ctx));
        }
    }

    /**
     * A reading of a machine under a daily load cycle of ±20 % (the simulator's): temperature, current,
     * vibration, pressure and speed follow the load, with the healthy noise on top.
     */
    private static TelemetryReading loaded(final Readings readings, final long n, final double extraDegrees) {
        final double load = 1 + 0.2 * Math.sin(2 * Math.PI * n * 3.0 / 86_400);
        final Map<String, Double> v = new LinkedHashMap<>(readings.healthy().values());
        v.put(Sensors.TEMPERATURE, v.get(Sensors.TEMPERATURE) + 40 * (load - 1) + extraDegrees);
        v.put(Sensors.CURRENT, v.get(Sensors.CURRENT) + 10 * (load - 1));
        v.put(Sensors.VIBRATION, v.get(Sensors.VIBRATION) * (1 + 0.15 * (load - 1)));
        v.put(Sensors.PRESSURE, v.get(Sensors.PRESSURE) * (1 - 0.12 * (load - 1)));
        v.put(Sensors.RPM, v.get(Sensors.RPM) * (1 - 0.02 * (load - 1)));
        return readings.next(v);
    }

    private static Machine runLoadCycle(final DetectorSettings settings, final int readingsCount) {
        final Machine m = new Machine(settings);
        final Readings readings = new Readings("MACHINE_001", 21);
        for (int n = 0; n < readingsCount; n++) {
            m.accept(loaded(readings, n, 0));
        }
        return m;
    }

    @Test
    void aDailyLoadCycleMovesTheBaselineInsteadOfRaisingAlertsWhileAFaultStillAlerts() {
        final int fourHours = 4 * 1200;
        assertThat(runLoadCycle(EvaluateSettings.PROTOTYPE, fourHours).raised)
                .as("a model of the raw first 30 readings alerts on the load cycle").isNotEmpty();

        final Machine m = runLoadCycle(DetectorSettings.defaults(), fourHours);
        assertThat(m.raised).as("with a baseline, the load cycle is normal").isEmpty();
        assertThat(m.trained).extracting(TrainedModel::reason).contains(ModelDescriptor.Reason.REFRESH);

        final Readings readings = new Readings("MACHINE_001", 22);
        for (int n = 0; n < 40; n++) {
            m.accept(loaded(readings, fourHours + n, 15));
        }
        assertThat(m.raised).as("15 °C above what the load explains is a fault").hasSize(1);
        assertThat(m.raised.get(0).contributors().get(0).sensor()).isEqualTo(Sensors.TEMPERATURE);
    }

    /**
     * A machine whose pressure sinks by 1.5 of its deviations and stays there (a valve that passes
     * less): with uniform noise of ±0.08 bar no reading lies more than 3.3 deviations from its normal,
     * so no single reading is a WARNING; the level-shift chart sees the recent mean move.
     */
    private static Machine pressureShift(final DetectorSettings settings) {
        final Machine m = new Machine(settings);
        final Readings readings = new Readings("MACHINE_001", 31);
        for (int n = 0; n < 1_500; n++) {
            m.accept(readings.healthy());
        }
        assertThat(m.raised).as("healthy").isEmpty();
        final double sd = 0.08 / Math.sqrt(3);
        for (int n = 0; n < 150; n++) {
            final Map<String, Double> v = new LinkedHashMap<>(readings.healthy().values());
            v.put(Sensors.PRESSURE, v.get(Sensors.PRESSURE) - 1.5 * sd);
            m.accept(readings.next(v));
        }
        return m;
    }

    @Test
    void aSustainedShiftTooSmallForAnySingleReadingRaisesTheAnomalyAlertThroughTheShiftChart() {
        final Machine m = pressureShift(DetectorSettings.defaults());
        assertThat(m.raised).as("the recent mean of the pressure moved").hasSize(1);
        assertThat(m.raised.get(0).type()).isEqualTo(Alert.TYPE_ANOMALY);
        assertThat(m.raised.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(m.raised.get(0).firstSeen()).as("within the shift's first three minutes")
                .isBefore(Readings.at(1_500 + 60));
        assertThat(m.ctx.forest().shiftClean).as("the chart learned its spread from the clean readings only")
                .isLessThan(1_500L + 150);

        final Machine without = pressureShift(DetectorSettings.defaults().withAlerting(
                DetectorSettings.Alerting.defaults().withShift(DetectorSettings.Shift.off())));
        assertThat(without.raised).as("reading by reading, nothing stands out").isEmpty();
    }

    @Test
    void afterAFaultTheChartNeitherHoldsItsAlertNorRaisesAnotherWhileTheBaselineReturns() {
        final Machine m = new Machine(DetectorSettings.defaults());
        final Readings readings = new Readings("MACHINE_001", 33);
        for (int n = 0; n < 1_500; n++) {
            m.accept(readings.healthy());
        }
        final double sd = 0.08 / Math.sqrt(3);
        // a leak that grows over 5 minutes to 8 deviations and stays 10 minutes: the chart sees its
        // growth first, and the capped baseline is pulled about 2 deviations towards it
        for (int n = 0; n < 300; n++) {
            final Map<String, Double> v = new LinkedHashMap<>(readings.healthy().values());
            v.put(Sensors.PRESSURE, v.get(Sensors.PRESSURE) - 8 * sd * Math.min(1.0, n / 100.0));
            m.accept(readings.next(v));
        }
        assertThat(m.raised).as("the fault is seen").hasSize(1);
        assertThat(m.open).as("and its alert open at its end").isNotNull();
        int openAfter = 0;
        for (int n = 0; n < 600; n++) {
            m.accept(readings.healthy());
            if (m.open != null) {
                openAfter++;
            }
        }
        assertThat(openAfter).as("readings after the fault with its alert open").isLessThanOrEqualTo(30);
        assertThat(m.raised).as("the chart, now above a baseline that returns, raises nothing").hasSize(1);
    }

    @Test
    void aModelIsRefreshedEachTimeTheMachinesCleanReadingsDouble() {
        final Machine m = new Machine(DetectorSettings.defaults()
                .withLearning(DetectorSettings.Learning.defaults().withRefreshSpread(0)));
        final Readings readings = new Readings("MACHINE_001", 6);
        for (int i = 0; i < 30 + 300; i++) {
            m.accept(readings.healthy());
        }
        assertThat(m.trained).extracting(TrainedModel::reason).containsExactly(ModelDescriptor.Reason.INITIAL,
                ModelDescriptor.Reason.REFRESH, ModelDescriptor.Reason.REFRESH, ModelDescriptor.Reason.REFRESH);
        assertThat(m.trained).extracting(TrainedModel::samples).as("capped by the training set of 256")
                .containsExactly(30, 60, 120, 240);
        assertThat(m.ctx.forest().nextRefreshAt).isEqualTo(480);
        assertThat(m.sample()).hasSize(256);
    }

    @Test
    void machinesThatStartedTogetherRefreshAtPointsOfTheirOwn() {
        final DetectorSettings.Learning learning = DetectorSettings.Learning.defaults();
        final java.util.Set<Long> points = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            final String id = String.format("PUMP_%03d", i);
            final long at = learning.nextRefreshAt(id, 120, 42);
            assertThat(at).as(id).isBetween(240L, 240L + 60);
            assertThat(learning.nextRefreshAt(id, 120, 42)).as("the same for the same machine").isEqualTo(at);
            points.add(at);
        }
        assertThat(points).as("spread over the 61 possible points").hasSizeGreaterThan(40);
        assertThat(learning.withRefreshSpread(0).nextRefreshAt("PUMP_001", 120, 42)).isEqualTo(240);

        final Machine m = new Machine(DetectorSettings.defaults());
        final Readings readings = new Readings("MACHINE_001", 6);
        for (int i = 0; i < 30 + 300; i++) {
            m.accept(readings.healthy());
        }
        assertThat(m.trained).extracting(TrainedModel::samples).as("the first refresh between 60 and 75 clean readings")
                .element(1).satisfies(n -> assertThat(n).isBetween(60, 75));
    }

    @Test
    void eachRefreshTrainsOnExactlyTheReservoirsRowsInSlotOrder() {
        // without a baseline the rows are the readings themselves, so the reservoir can be kept alongside
        final DetectorSettings settings = DetectorSettings.defaults()
                .withLearning(DetectorSettings.Learning.defaults().withBaseline(Duration.ZERO).withTrainingSet(64)
                        .withRefreshSpread(0));
        final Machine m = new Machine(settings);
        final TrainingSample reservoir = new TrainingSample(64, settings.training().seed());
        final Readings readings = new Readings("MACHINE_001", 12);
        List<double[]> expected = new ArrayList<>();
        long offered = 0;
        int refreshes = 0;
        for (int i = 0; i < 30 + 1_000; i++) {
            final TelemetryReading r = readings.healthy();
            final double[] x = FeatureVector.of(r, settings.features());
            final boolean collecting = m.ctx.forest().collecting;
            final long clean = m.ctx.forest().cleanSeen;

            final MachineDetector.Step step = m.accept(r);

            if (collecting) {
                expected = TrainingSample.put(expected, (int) offered++, x);
            } else if (m.ctx.forest().cleanSeen > clean) {
                final int slot = reservoir.slot(m.ctx.machineId, ++offered);
                if (slot >= 0) {
                    expected = TrainingSample.put(expected, slot, x);
                }
            }
            if (step.trained() != null && step.trained().reason() == ModelDescriptor.Reason.REFRESH) {
                refreshes++;
                assertThat(m.sample()).as("the set of refresh %d", refreshes).containsExactlyElementsOf(expected);
                assertThat(step.trained().samples()).isEqualTo(expected.size());
                assertThat(step.trained().means()).as("trained on those rows")
                        .containsExactly(columnMeans(expected), within(1e-9));
            }
        }
        assertThat(refreshes).as("at 60, 120, 240, 480 and 960 clean readings").isEqualTo(5);
        assertThat(offered).as("more readings offered than the set holds").isGreaterThan(64 * 10);
    }

    private static double[] columnMeans(final List<double[]> rows) {
        final double[] mean = new double[rows.get(0).length];
        for (final double[] row : rows) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += row[k];
            }
        }
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= rows.size();
        }
        return mean;
    }

    @Test
    void aRetrainStartsANewSetThatHoldsNoneOfTheOldSamplesRows() {
        final Machine m = new Machine(DetectorSettings.defaults());
        final Readings readings = new Readings("MACHINE_001", 13);
        for (int i = 0; i < 30 + 300; i++) {
            m.accept(readings.healthy());
        }
        assertThat(m.sample()).hasSize(256);

        assertThat(m.detector.requestRetrain(m.ctx, ModelDescriptor.Reason.REQUEST)).isTrue();
        m.accept(readings.healthy());
        assertThat(m.rows.rows(m.ctx.machineId, Integer.MAX_VALUE)).as("the old sample is gone").hasSize(1);
        for (int i = 1; i < 30; i++) {
            m.accept(readings.healthy());
        }
        assertThat(m.trained.get(m.trained.size() - 1).reason()).isEqualTo(ModelDescriptor.Reason.REQUEST);
        assertThat(m.trained.get(m.trained.size() - 1).samples()).isEqualTo(30);
        assertThat(m.sample()).as("the new set begins the next sample").hasSize(30);
    }

    @Test
    void aCollectionWhoseRowsAreMissingFromTheStoreStartsAgainInsteadOfTrainingOnFewer() {
        final Machine m = new Machine(DetectorSettings.defaults());
        m.ctx.forest().collected = 10;
        final Readings readings = new Readings("MACHINE_001", 14);
        for (int i = 0; i < 20; i++) {
            m.accept(readings.healthy());
        }
        assertThat(m.trained).as("20 rows stored, not the 30 the context counted").isEmpty();
        assertThat(m.ctx.forest().collected).isZero();
        for (int i = 0; i < 30; i++) {
            m.accept(readings.healthy());
        }
        assertThat(m.trained).extracting(TrainedModel::samples).containsExactly(30);
    }

    @Test
    void withSampleEveryOnlyOneCleanReadingInSoManyJoinsTheTrainingSetWhileRefreshesKeepTheirPace() {
        final DetectorSettings settings = DetectorSettings.defaults()
                .withLearning(DetectorSettings.Learning.defaults().withSampleEvery(5).withRefreshSpread(0));
        final Machine m = new Machine(settings);
        final Readings readings = new Readings("MACHINE_001", 9);
        int writes = 0;
        for (int i = 0; i < 30 + 300; i++) {
            writes += m.accept(readings.healthy()).trainingChanged() ? 1 : 0;
        }
        assertThat(m.trained).extracting(TrainedModel::samples).containsExactly(30, 36, 48, 72);
        assertThat(m.ctx.forest().sampled).isEqualTo(30 + 60);
        assertThat(m.sample()).hasSize(90);
        assertThat(writes).as("the first 30, then one in 5").isEqualTo(30 + 60);
    }

    @Test
    void readingsOfAnOpenAlertNeverEnterTheTrainingSet() {
        final Machine m = new Machine(DetectorSettings.defaults());
        final Readings readings = new Readings("MACHINE_001", 7);
        for (int i = 0; i < 100; i++) {
            m.accept(readings.healthy());
        }
        final long clean = m.ctx.forest().cleanSeen;
        final List<double[]> before = m.sample();
        for (int i = 0; i < 500; i++) {
            final MachineDetector.Step step = m.accept(readings.spike());
            if (i >= 2) {
                assertThat(step.trainingChanged()).as("reading %d of the fault", i).isFalse();
                assertThat(step.trained()).isNull();
            }
        }
        assertThat(m.raised).hasSize(1);
        assertThat(m.ctx.forest().cleanSeen).as("no fault reading counted as clean").isEqualTo(clean);
        assertThat(m.sample()).containsExactlyElementsOf(before);
    }

    @Test
    void aModelOfRawReadingsKeptFromBeforeBaselinesIsLearnedAgain() {
        final Machine old = new Machine(EvaluateSettings.PROTOTYPE);
        final Readings readings = new Readings("MACHINE_001", 8);
        for (int i = 0; i < 40; i++) {
            old.accept(readings.healthy());
        }
        assertThat(old.ctx.forest().modelVersion).isEqualTo(1);

        final Machine m = new Machine(DetectorSettings.defaults());
        final MachineContext ctx = old.ctx;
        m.model = old.model;
        final MachineDetector.Step first = m.detector.onReading(ctx, m.rows, m.model, null,
                readings.healthy(), Readings.at(41), m.stored::get);
        assertThat(first.scored().score()).as("not scored by a model of raw readings").isNull();
        assertThat(ctx.forest().modelVersion).isNull();
        TrainedModel retrained = null;
        for (int i = 1; i < 30; i++) {
            final MachineDetector.Step step = m.detector.onReading(ctx, m.rows, null, null, readings.healthy(),
                    Readings.at(41 + i), m.stored::get);
            retrained = step.trained() != null ? step.trained() : retrained;
        }
        assertThat(retrained).isNotNull();
        assertThat(retrained.version()).as("versions go on").isEqualTo(2);
        assertThat(retrained.means()[0]).as("deviations from the baseline").isBetween(-1.5, 1.5);
    }

    private static TelemetryReading shifted(final Readings readings, final double degrees) {
        final Map<String, Double> v = new LinkedHashMap<>(readings.healthy().values());
        v.put(Sensors.TEMPERATURE, v.get(Sensors.TEMPERATURE) + degrees);
        v.put(Sensors.CURRENT, v.get(Sensors.CURRENT) + degrees / 10);
        return readings.next(v);
    }

    @Test
    void aNormalThatMovedWithoutAlertsIsLearnedAgainForDrift() {
        // a model of the raw readings (with a baseline the moved normal would move the baseline);
        // no anomaly is severe enough to alert, so a moved normal shows only as a high anomaly rate
        final DetectorSettings settings = DetectorSettings.defaults()
                .withLearning(DetectorSettings.Learning.off())
                .withAlerting(DetectorSettings.Alerting.defaults().withRaiseSeverity(Severity.CRITICAL)
                        .withMargins(0.9, 0.9).withZ(1e9, 1e9))
                .withDrift(new DetectorSettings.Drift(true, 60, 2.5));
        final Machine m = new Machine(settings);
        final Readings readings = new Readings("MACHINE_001", 3);
        for (int i = 0; i < 30; i++) {
            m.accept(readings.healthy());
        }
        for (int i = 0; i < 200 && m.trained.size() < 2; i++) {
            m.accept(shifted(readings, 8));
        }
        assertThat(m.trained).hasSize(2);
        assertThat(m.trained.get(1).reason()).isEqualTo(ModelDescriptor.Reason.DRIFT);
        assertThat(m.trained.get(1).means()[0]).as("learned the moved normal").isGreaterThan(70);
        assertThat(m.raised).isEmpty();
    }

    @Test
    void aFaultThatRaisesAnAlertIsNeverRetrainedAway() {
        final DetectorSettings settings = DetectorSettings.defaults()
                .withDrift(new DetectorSettings.Drift(true, 60, 2.5));
        final Machine m = new Machine(settings);
        final Readings readings = new Readings("MACHINE_001", 4);
        for (int i = 0; i < 30; i++) {
            m.accept(readings.healthy());
        }
        for (int i = 0; i < 600; i++) {
            m.accept(readings.spike());
        }
        assertThat(m.trained).hasSize(1);
        assertThat(m.raised).hasSize(1);
        assertThat(m.open.count()).isEqualTo(600);
        assertThat(m.open.peakSeverity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void mildAnomaliesAreCountedButRaiseNoAlert() {
        final DetectorSettings settings = DetectorSettings.defaults()
                .withAlerting(DetectorSettings.Alerting.defaults().withMargins(0.9, 0.9).withZ(1e9, 1e9));
        final Machine m = new Machine(settings);
        final Readings readings = new Readings("MACHINE_001", 5);
        for (int i = 0; i < 30; i++) {
            m.accept(readings.healthy());
        }
        for (int i = 0; i < 20; i++) {
            m.accept(readings.spike());
        }
        assertThat(m.ctx.forest().anomalies).isEqualTo(20);
        assertThat(m.raised).as("every anomaly is INFO, below the raise severity").isEmpty();
    }

    @Test
    void aSequenceThatRestartsLongAfterTheLastReadingIsADeviceRestartNotADuplicate() {
        final MachineDetector detector = new MachineDetector(DetectorSettings.defaults());
        final MachineContext ctx = MachineContext.initial("MACHINE_001");
        ctx.lastSeq = 500L;
        ctx.lastTimestamp = Readings.at(0);
        final Map<String, Double> v = Map.of(Sensors.TEMPERATURE, 65.0);
        assertThat(detector.isDuplicate(ctx, new TelemetryReading("MACHINE_001", Readings.at(10), v, null, 3L)))
                .as("30 s later: stale").isTrue();
        assertThat(detector.isDuplicate(ctx, new TelemetryReading("MACHINE_001", Readings.at(200), v, null, 3L)))
                .as("10 min later: the device restarted").isFalse();
        assertThat(detector.isDuplicate(ctx, new TelemetryReading("MACHINE_001", Readings.at(0), v, null, null)))
                .as("no seq, same timestamp").isTrue();
    }

    /** The watches' sections of a context as stored: equal bytes, nothing changed. */
    private static byte[] watchBytes(final MachineContext ctx) {
        final BinaryWriter out = new BinaryWriter(256);
        ctx.watches().write(out);
        return out.toByteArray();
    }

    @Test
    void aLateReadingInsideTheWindowIsScoredOnceWithoutMovingTheMachineBack() {
        final Machine m = new Machine(DetectorSettings.defaults());
        final Readings readings = new Readings("MACHINE_001", 31);
        for (int i = 0; i < 40; i++) {
            m.accept(readings.healthy());
        }
        assertThat(m.model).as("trained on the first readings").isNotNull();
        final TelemetryReading refused = readings.spike(); // refused by the bridge, sent again later
        TelemetryReading latest = null;
        for (int i = 0; i < 5; i++) {
            latest = readings.healthy();
            m.accept(latest);
        }
        final long readingsBefore = m.ctx.readings;
        final long anomaliesBefore = m.ctx.forest().anomalies;
        final byte[] watchesBefore = watchBytes(m.ctx);

        assertThat(m.detector.isDuplicate(m.ctx, refused)).as("late, not seen yet").isFalse();
        assertThat(m.detector.isLate(m.ctx, refused)).isTrue();
        final MachineDetector.Step step = m.accept(refused);

        assertThat(step.scored().reading()).isEqualTo(refused);
        assertThat(step.scored().score()).as("scored by the forest").isNotNull();
        assertThat(step.scored().anomaly()).isTrue();
        assertThat(m.ctx.readings).isEqualTo(readingsBefore + 1);
        assertThat(m.ctx.forest().anomalies).isEqualTo(anomaliesBefore + 1);
        assertThat(m.ctx.lastSeq).as("the highest sequence number stays").isEqualTo(latest.seq());
        assertThat(m.ctx.lastTimestamp).isEqualTo(latest.timestamp());
        assertThat(m.ctx.lastReading).isEqualTo(latest);
        assertThat(step.status().lastReading()).isEqualTo(latest);
        assertThat(step.watchAlerts()).isEmpty();
        assertThat(step.peerLevel()).isNull();
        assertThat(watchBytes(m.ctx)).as("the watches do not see a late reading").isEqualTo(watchesBefore);

        assertThat(m.detector.isDuplicate(m.ctx, refused)).as("its second copy").isTrue();
        assertThat(m.detector.isLate(m.ctx, refused)).isFalse();
        final TelemetryReading next = readings.healthy();
        assertThat(m.detector.isDuplicate(m.ctx, next)).isFalse();
        assertThat(m.detector.isLate(m.ctx, next)).as("the next in order").isFalse();
        m.accept(next);
        assertThat(m.ctx.lastSeq).isEqualTo(next.seq());
        assertThat(m.detector.isDuplicate(m.ctx, refused)).as("still seen after the window moved").isTrue();
        assertThat(m.detector.isDuplicate(m.ctx, latest)).isTrue();
    }

    @Test
    void aLateReadingTakesNoTimeStepInTheBaseline() {
        final Machine m = new Machine(DetectorSettings.defaults());
        final Readings readings = new Readings("MACHINE_001", 32);
        for (int i = 0; i < 40; i++) {
            m.accept(readings.healthy());
        }
        final TelemetryReading refused = readings.healthy();
        for (int i = 0; i < 200; i++) {
            m.accept(readings.healthy());
        }
        final double[] before = m.ctx.forest().baseline.clone();
        final long n = m.ctx.forest().baselineReadings;

        m.accept(refused);

        final double[] raw = FeatureVector.of(refused, m.detector.settings().features());
        for (int k = 0; k < before.length; k++) {
            assertThat(Math.abs(m.ctx.forest().baseline[k] - before[k]))
                    .as("sensor %d moves by a new reading's least weight at most", k)
                    .isLessThanOrEqualTo(Math.abs(raw[k] - before[k]) / (n + 1) + 1e-12);
        }
        assertThat(m.ctx.forest().baselineReadings).isEqualTo(n + 1);
    }

    @Test
    void aReadingOlderThanTheWindowIsADuplicate() {
        final Machine m = new Machine(DetectorSettings.defaults());
        final Readings readings = new Readings("MACHINE_001", 33);
        m.accept(readings.healthy());
        final TelemetryReading old = readings.healthy();
        final TelemetryReading inside = readings.healthy();
        for (int i = 0; i < SeqWindow.SIZE; i++) {
            m.accept(readings.healthy());
        }
        assertThat(m.ctx.lastSeq - old.seq()).isEqualTo(SeqWindow.SIZE + 1);
        final long readingsBefore = m.ctx.readings;

        assertThat(m.detector.isDuplicate(m.ctx, old)).as("older than the window").isTrue();
        assertThat(m.detector.isLate(m.ctx, old)).isFalse();
        assertThat(m.detector.isDuplicate(m.ctx, inside)).as("the window's oldest, never seen").isFalse();
        m.accept(inside);
        assertThat(m.ctx.readings).isEqualTo(readingsBefore + 1);
        assertThat(m.ctx.lastSeq).isEqualTo(readings.seq());
    }

    @Test
    void aContextKeptWithoutAWindowCountsEveryLowerNumberSeenUntilItsNextReading() {
        final MachineDetector detector = new MachineDetector(DetectorSettings.defaults());
        final MachineContext ctx = MachineContext.initial("MACHINE_001");
        ctx.lastSeq = 500L;
        ctx.lastTimestamp = Readings.at(500);
        final Map<String, Double> v = new Readings("MACHINE_001", 34).healthy().values();
        final TelemetryReading seq499 = new TelemetryReading("MACHINE_001", Readings.at(499), v, null, 499L);
        assertThat(detector.isDuplicate(ctx, seq499)).as("a store of the detector before the window").isTrue();

        detector.onReading(ctx, TrainingRows.inMemory(), null, null,
                new TelemetryReading("MACHINE_001", Readings.at(503), v, null, 503L), Readings.at(503), id -> null);

        assertThat(ctx.seqWindow).isNotNull();
        assertThat(detector.isDuplicate(ctx, seq499)).isTrue();
        assertThat(detector.isDuplicate(ctx, new TelemetryReading("MACHINE_001", Readings.at(500), v, null, 500L)))
                .isTrue();
        final TelemetryReading seq501 = new TelemetryReading("MACHINE_001", Readings.at(501), v, null, 501L);
        assertThat(detector.isDuplicate(ctx, seq501)).as("sent after the window became known").isFalse();
        assertThat(detector.isLate(ctx, seq501)).isTrue();
    }

    @Test
    void aLowerSequenceLongAfterTheLastReadingIsStillARestartNotALateReading() {
        final MachineDetector detector = new MachineDetector(DetectorSettings.defaults());
        final MachineContext ctx = MachineContext.initial("MACHINE_001");
        final Map<String, Double> v = new Readings("MACHINE_001", 35).healthy().values();
        final TrainingRows rows = TrainingRows.inMemory();
        for (long seq = 1; seq <= 500; seq++) {
            if (seq != 499) {
                detector.onReading(ctx, rows, null, null,
                        new TelemetryReading("MACHINE_001", Readings.at(seq), v, null, seq), Readings.at(seq), id -> null);
            }
        }
        final TelemetryReading restarted = new TelemetryReading("MACHINE_001", Readings.at(700), v, null, 499L);
        assertThat(detector.isLate(ctx, restarted)).as("10 min later: the device restarted its count").isFalse();
        assertThat(detector.isDuplicate(ctx, restarted)).isFalse();

        detector.onReading(ctx, rows, null, null, restarted, Readings.at(700), id -> null);

        assertThat(ctx.lastSeq).as("the count starts again").isEqualTo(499L);
        assertThat(ctx.lastTimestamp).isEqualTo(Readings.at(700));
        assertThat(detector.isDuplicate(ctx, new TelemetryReading("MACHINE_001", Readings.at(701), v, null, 499L)))
                .isTrue();
        final TelemetryReading before = new TelemetryReading("MACHINE_001", Readings.at(699), v, null, 498L);
        assertThat(detector.isLate(ctx, before)).as("a new count's window begins empty").isTrue();
        assertThat(detector.isDuplicate(ctx, new TelemetryReading("MACHINE_001", Readings.at(710), v, null, 3L)))
                .as("30 s later, below the new count's window: stale").isTrue();
    }
}
