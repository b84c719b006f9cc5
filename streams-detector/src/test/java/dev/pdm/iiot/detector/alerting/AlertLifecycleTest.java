package dev.pdm.iiot.detector.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final AlertLifecycle lifecycle = new AlertLifecycle(DetectorSettings.Alerting.defaults());

    @Test
    void aMachinePublishingEverySecondKeepsItsAlertUntilThirtyQuietSeconds() {
        final Alert open = raisedAt(T0);
        // ten normal readings one second apart: ten readings, but only ten seconds
        for (int n = 1; n <= 29; n++) {
            assertThat(lifecycle.onNormal(open, n, T0.plusSeconds(n))).as("normal reading %d", n).isNull();
        }
        final Alert cleared = lifecycle.onNormal(open, 30, T0.plusSeconds(30));
        assertThat(cleared).isNotNull();
        assertThat(cleared.status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(cleared.clearedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aMachinePublishingEveryThreeSecondsClearsAfterTenNormalReadingsAsBefore() {
        final Alert open = raisedAt(T0);
        assertThat(lifecycle.onNormal(open, 9, T0.plusSeconds(27))).isNull();
        assertThat(lifecycle.onNormal(open, 10, T0.plusSeconds(30)).status()).isEqualTo(AlertStatus.CLEARED);
    }

    @Test
    void aSlowMachineStillNeedsItsTenNormalReadings() {
        final Alert open = raisedAt(T0);
        assertThat(lifecycle.onNormal(open, 9, T0.plusSeconds(90))).isNull();
        assertThat(lifecycle.onNormal(open, 10, T0.plusSeconds(100))).isNotNull();
    }

    @Test
    void theQuietTimeCountsFromTheAlertsLastAnomalousReading() {
        final Alert raised = raisedAt(T0);
        final Alert updated = lifecycle.onAnomaly(raised, "M1:ANOMALY:2", 4, T0, anomaly(T0.plusSeconds(20)));
        assertThat(updated.lastSeen()).isEqualTo(T0.plusSeconds(20));
        assertThat(lifecycle.onNormal(updated, 30, T0.plusSeconds(49))).isNull();
        assertThat(lifecycle.onNormal(updated, 31, T0.plusSeconds(50))).isNotNull();
    }

    @Test
    void withoutAQuietTimeTheReadingsAloneDecide() {
        final AlertLifecycle byReadings = new AlertLifecycle(
                DetectorSettings.Alerting.defaults().withClearQuiet(Duration.ZERO));
        final Alert open = raisedAt(T0);
        assertThat(byReadings.onNormal(open, 9, T0.plusSeconds(9))).isNull();
        assertThat(byReadings.onNormal(open, 10, T0.plusSeconds(10))).isNotNull();
    }

    private Alert raisedAt(final Instant at) {
        final Alert raised = lifecycle.onAnomaly(null, "M1:ANOMALY:1", 3, at.minusSeconds(2), anomaly(at));
        assertThat(raised).isNotNull();
        assertThat(raised.status()).isEqualTo(AlertStatus.ACTIVE_UNACK);
        return raised;
    }

    private static AlertLifecycle.Anomaly anomaly(final Instant at) {
        return new AlertLifecycle.Anomaly(at, 0.7, 0.6, Severity.WARNING, Map.of("temperature", 80.0), List.of(),
                "check cooling", 1);
    }
}
