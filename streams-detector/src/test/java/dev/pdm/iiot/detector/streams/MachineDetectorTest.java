package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.model.TrainingBuffer;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-reading logic without stores: drift, and which anomalies count towards an alert. */
class MachineDetectorTest {

    /** One machine's state kept in memory, as the evaluate command keeps it. */
    private static final class Machine {
        final MachineDetector detector;
        final MachineContext ctx = MachineContext.initial("MACHINE_001");
        TrainingBuffer buffer;
        TrainedModel model;
        Alert open;
        final List<TrainedModel> trained = new ArrayList<>();
        final List<Alert> raised = new ArrayList<>();

        Machine(final DetectorSettings settings) {
            this.detector = new MachineDetector(settings);
        }

        void accept(final TelemetryReading r) {
            final MachineDetector.Step step = detector.onReading(ctx, buffer, model, open, r, r.timestamp());
            buffer = step.buffer();
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
        }
    }

    private static TelemetryReading shifted(final Readings readings, final double degrees) {
        final Map<String, Double> v = new LinkedHashMap<>(readings.healthy().values());
        v.put(Sensors.TEMPERATURE, v.get(Sensors.TEMPERATURE) + degrees);
        v.put(Sensors.CURRENT, v.get(Sensors.CURRENT) + degrees / 10);
        return readings.next(v);
    }

    @Test
    void aNormalThatMovedWithoutAlertsIsLearnedAgainForDrift() {
        // no anomaly is severe enough to alert, so a moved normal shows only as a high anomaly rate
        final DetectorSettings settings = DetectorSettings.defaults()
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
        assertThat(m.ctx.anomalies).isEqualTo(20);
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
}
