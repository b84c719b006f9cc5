package dev.pdm.iiot.detector.alerting;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AlertingTest {

    private final DetectorSettings.Alerting defaults = DetectorSettings.Alerting.defaults();

    @Test
    void byDefaultSeverityIsHowFarTheFarthestSensorLiesFromItsNormal() {
        final SeverityPolicy policy = new SeverityPolicy(defaults);
        assertThat(defaults.severityMode()).isEqualTo(DetectorSettings.SeverityMode.SENSORS);
        assertThat(policy.of(0.75, 0.51, 2.5)).as("a high score alone is no reason to page anyone")
                .isEqualTo(Severity.INFO);
        assertThat(policy.of(0.52, 0.51, defaults.warningZ())).isEqualTo(Severity.WARNING);
        assertThat(policy.of(0.52, 0.51, defaults.criticalZ())).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aDistanceMeasuredInADeviationOfFewReadingsCountsForLess() {
        final SeverityPolicy policy = new SeverityPolicy(defaults);
        assertThat(policy.of(0.6, 0.5, 4.3, 30)).as("4.3 deviations of 30 readings: as rare as 3.6 true ones")
                .isEqualTo(Severity.INFO);
        assertThat(policy.of(0.6, 0.5, 4.3, 256)).isEqualTo(Severity.WARNING);
        assertThat(policy.of(0.6, 0.5, 6.2, 256)).as("6.2 deviations of 256 readings count as 5.96")
                .isEqualTo(Severity.WARNING);
        assertThat(policy.of(0.6, 0.5, 6.2, 100_000)).isEqualTo(Severity.CRITICAL);
        assertThat(new SeverityPolicy(defaults.withSampleSizeZ(false)).of(0.6, 0.5, 4.3, 30))
                .as("a setting").isEqualTo(Severity.WARNING);

        assertThat(SeverityPolicy.equivalentZ(4.0, 30)).isCloseTo(3.45, within(0.01));
        assertThat(SeverityPolicy.equivalentZ(4.0, 256)).isCloseTo(3.92, within(0.01));
        assertThat(SeverityPolicy.equivalentZ(4.0, 1_000_000)).isCloseTo(4.0, within(0.001));
        assertThat(SeverityPolicy.equivalentZ(4.0, 2)).as("too few readings to say").isEqualTo(4.0);
        assertThat(SeverityPolicy.equivalentZ(200.0, 30)).as("never more than z").isLessThanOrEqualTo(200.0);
    }

    @Test
    void theEquivalentZOfAModelSizeIsTheSameEveryTimeAndForEverySize() {
        for (final int n : new int[]{3, 4, 30, 31, 256, 4096, 4097, 10_000}) {
            for (final double z : new double[]{0.5, 3.7, 4.0, 6.2, 40.0}) {
                final double t = z / Math.sqrt((1.0 + 1.0 / n) * n / (n - 1.0));
                final double tail = new smile.stat.distribution.TDistribution(n - 1).cdf(-t);
                final double expected = tail > 0
                        ? Math.min(z, -smile.stat.distribution.GaussianDistribution.getInstance().quantile(tail)) : z;
                assertThat(SeverityPolicy.equivalentZ(z, n)).as("n %d, z %s", n, z).isEqualTo(expected);
                assertThat(SeverityPolicy.equivalentZ(z, n)).as("again").isEqualTo(expected);
            }
        }
    }

    @Test
    void relativeSeverityIsGradedByTheMarginAboveTheMachinesOwnThreshold() {
        final SeverityPolicy policy = new SeverityPolicy(defaults.withSeverityMode(DetectorSettings.SeverityMode.RELATIVE));
        assertThat(policy.of(0.52, 0.51)).isEqualTo(Severity.INFO);
        assertThat(policy.of(0.55, 0.51)).isEqualTo(Severity.WARNING);
        assertThat(policy.of(0.60, 0.51)).isEqualTo(Severity.CRITICAL);
        assertThat(policy.of(0.75, 0.70)).as("same margin, same severity on a machine that scores high")
                .isEqualTo(policy.of(0.55, 0.50));
    }

    @Test
    void relativeSeverityIsRaisedByASensorFarFromItsNormalWhereTheScoreSaturates() {
        final SeverityPolicy policy = new SeverityPolicy(defaults.withSeverityMode(DetectorSettings.SeverityMode.RELATIVE));
        assertThat(policy.of(0.52, 0.51, 1.5)).isEqualTo(Severity.INFO);
        assertThat(policy.of(0.52, 0.51, defaults.warningZ())).isEqualTo(Severity.WARNING);
        assertThat(policy.of(0.52, 0.51, 25)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void thePrototypesAbsoluteBandsAreASetting() {
        final SeverityPolicy policy = new SeverityPolicy(defaults.withSeverityMode(DetectorSettings.SeverityMode.PROTOTYPE));
        assertThat(policy.of(0.52, 0.51)).as("score_samples -0.52 < -0.5").isEqualTo(Severity.CRITICAL);
        assertThat(policy.of(0.45, 0.10)).isEqualTo(Severity.WARNING);
        assertThat(policy.of(0.25, 0.10)).isEqualTo(Severity.INFO);
    }

    @Test
    void recommendationsKeepThePrototypesWordsAndNameTheSensorsThatDroveTheAlert() {
        final Recommendations recs = new Recommendations(DetectorSettings.Recommendations.defaults());
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(Sensors.TEMPERATURE, 82.4);
        metrics.put(Sensors.VIBRATION, 4.67);
        metrics.put(Sensors.CURRENT, 14.2);
        metrics.put(Sensors.RPM, 1431.0);
        final List<Contributor> drivers = List.of(
                new Contributor(Sensors.TEMPERATURE, 82.4, 70.1, 1.2, 10.25, Contributor.Direction.ABOVE),
                new Contributor(Sensors.RPM, 1431, 1500, 10, -6.9, Contributor.Direction.BELOW));

        assertThat(recs.of(metrics, drivers)).isEqualTo("Schedule inspection: Temperature exceeds safe threshold, "
                + "Excessive vibration detected. temperature 12.3 °C above normal (z 10.3): check cooling and lubrication. "
                + "rpm 69.0 rpm below normal (z -6.9): check the drive, belt and motor supply");
        assertThat(Recommendations.prototype(Map.of(Sensors.TEMPERATURE, 65.0)))
                .isEqualTo("Monitor closely for additional anomalies");
        assertThat(Recommendations.prototype(Map.of(Sensors.CURRENT, 15.5, Sensors.RPM, 1390.0)))
                .isEqualTo("Schedule inspection: High current draw, RPM below optimal range");
    }

    @Test
    void withoutThePrototypeRulesOnlyTheContributionsSpeak() {
        final Recommendations recs = new Recommendations(
                new DetectorSettings.Recommendations(false, Map.of("pressure.below", "check for leaks")));
        assertThat(recs.of(Map.of(Sensors.PRESSURE, 5.2),
                List.of(new Contributor(Sensors.PRESSURE, 5.2, 6.0, 0.05, -16, Contributor.Direction.BELOW))))
                .isEqualTo("pressure 0.800 bar below normal (z -16.0): check for leaks");
    }

    @Test
    void theDriftRateFollowsTheShareOfAnomalousReadings() {
        final DriftMonitor drift = new DriftMonitor(new DetectorSettings.Drift(true, 100, 2.5), 0.15);
        double rate = drift.initialRate();
        for (int i = 0; i < 1000; i++) {
            rate = drift.update(rate, i % 2 == 0);
        }
        assertThat(rate).isBetween(0.45, 0.55);
        assertThat(drift.drifted(rate, 1000, 1000)).isTrue();
        assertThat(drift.drifted(rate, 99, 1000)).as("not before a window of readings").isFalse();
        assertThat(drift.drifted(rate, 1000, 99)).as("not within a window of an alert").isFalse();
        assertThat(drift.drifted(0.2, 1000, 1000)).isFalse();
    }
}
