package dev.pdm.iiot.dashboard.view;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.SensorTrend;
import dev.pdm.iiot.events.model.Severity;
import org.junit.jupiter.api.Test;

import static dev.pdm.iiot.dashboard.Fixtures.T0;
import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.Fixtures.degradation;
import static dev.pdm.iiot.dashboard.Fixtures.peerDeviation;
import static dev.pdm.iiot.dashboard.Fixtures.silent;
import static dev.pdm.iiot.dashboard.Fixtures.temperatureTrend;
import static org.assertj.core.api.Assertions.assertThat;

class AlertDigestTest {

    @Test
    void aDegradationShowsItsTrendsAndTheSoonestTimeToLimitWithItsInterval() {
        final SensorTrend vibration = new SensorTrend("vibration", 0.05, 6.0, 3.2, 2.1, 7.1, 78.0, 50.0, null);
        final AlertDigest digest = AlertDigest.of(degradation("M1", 1, T0, vibration, temperatureTrend()));

        assertThat(digest.trends()).containsExactly(
                "vibration +0.05 mm/s/h over 6.0 h (now 3.20 mm/s, healthy 2.10 mm/s)",
                "temperature +0.8 °C/h over 3.0 h (now 78.8 °C, healthy 72.0 °C)");
        assertThat(digest.timeToLimit()).isEqualTo("temperature: limit 90 °C in ~14 h (9–30 h)");
        assertThat(digest.timeToLimitShort()).isEqualTo("temperature 90 °C in ~14 h");
        assertThat(digest.hoursToLimit()).isEqualTo(14.0);
        assertThat(digest.drivers()).isEmpty();
    }

    @Test
    void aLimitAlreadyCrossedIsReachedAndAnOpenEndedIntervalSaysSo() {
        assertThat(AlertDigest.of(degradation("M1", 1, T0,
                new SensorTrend("temperature", 1.2, 4.0, 91.0, 72.0, 90.0, 0.0, 0.0, 0.0))).timeToLimit())
                .isEqualTo("temperature: limit 90 °C reached");
        assertThat(AlertDigest.of(degradation("M1", 1, T0,
                new SensorTrend("pressure", 0.004, 72.0, 6.4, 6.0, 7.5, 275.0, 120.0, null))).timeToLimit())
                .isEqualTo("pressure: limit 7.5 bar in ~11 days (5 days or later)");
        assertThat(AlertDigest.of(degradation("M1", 1, T0,
                new SensorTrend("current", 0.3, 2.0, 12.0, 10.0, 15.0, 0.5, 0.3, 0.9))).timeToLimitShort())
                .isEqualTo("current 15 A in ~30 min");
    }

    @Test
    void aTrendWithoutLimitHasNoTimeToLimit() {
        final AlertDigest digest = AlertDigest.of(degradation("M1", 1, T0,
                new SensorTrend("rpm", -12.0, 5.0, 1440, 1500, null, null, null, null)));

        assertThat(digest.trends()).containsExactly("rpm -12 rpm/h over 5.0 h (now 1440 rpm, healthy 1500 rpm)");
        assertThat(digest.timeToLimit()).isNull();
        assertThat(EventJson.toJson(digest)).doesNotContain("time_to_limit", "hours_to_limit", "drivers");
    }

    @Test
    void aPeerDeviationShowsEachSensorAgainstThePeersMean() {
        assertThat(AlertDigest.of(peerDeviation("M1", 1, T0)).drivers())
                .containsExactly("vibration 3.10 mm/s vs peers' 2.00 mm/s (↑ 3.4σ)");
    }

    @Test
    void anAnomalyShowsItsDriversAndASilentAlertOnlyItsRecommendation() {
        assertThat(AlertDigest.of(alert("M1", 1, AlertStatus.ACTIVE_UNACK, Severity.CRITICAL, T0)).drivers())
                .containsExactly("temperature ↑ 8.2σ (82.4 vs 70.1 °C)");
        final AlertDigest silent = AlertDigest.of(silent("M1", 1, T0));
        assertThat(silent.drivers()).isEmpty();
        assertThat(silent.trends()).isEmpty();
        assertThat(EventJson.toJson(silent)).isEqualTo("{}");
    }
}
