package dev.pdm.iiot.dashboard.history;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartRangeTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    static final DashboardConfig.History SETTINGS = new DashboardConfig.History() {
        @Override public Duration minuteRetention() { return Duration.ofDays(30); }
        @Override public Duration maxRange() { return Duration.ofDays(730); }
        @Override public int targetPoints() { return 1500; }
        @Override public int maxPoints() { return 5000; }
        @Override public int maxAlerts() { return 10_000; }
        @Override public Duration queryTimeout() { return Duration.ofSeconds(15); }
    };

    @Test
    void theRangeChoosesTheSmallestUsualStepWithAtMost1500Points() {
        assertThat(auto(Duration.ofHours(1))).isEqualTo(new Choice(Duration.ofMinutes(1), Resolution.MINUTE));
        assertThat(auto(Duration.ofHours(24))).isEqualTo(new Choice(Duration.ofMinutes(1), Resolution.MINUTE));
        assertThat(auto(Duration.ofHours(48))).isEqualTo(new Choice(Duration.ofMinutes(2), Resolution.MINUTE_BUCKETS));
        assertThat(auto(Duration.ofDays(7))).isEqualTo(new Choice(Duration.ofMinutes(10), Resolution.MINUTE_BUCKETS));
        assertThat(auto(Duration.ofDays(30))).isEqualTo(new Choice(Duration.ofMinutes(30), Resolution.MINUTE_BUCKETS));
        assertThat(auto(Duration.ofDays(60))).isEqualTo(new Choice(Duration.ofHours(1), Resolution.HOUR));
        assertThat(auto(Duration.ofDays(90))).isEqualTo(new Choice(Duration.ofHours(2), Resolution.HOUR_BUCKETS));
        assertThat(auto(Duration.ofDays(730))).isEqualTo(new Choice(Duration.ofHours(12), Resolution.HOUR_BUCKETS));
    }

    @Test
    void aPeriodStartingBeforeTheMinuteRetentionIsReadFromHours() {
        final Period oldDay = new Period(NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(39)));
        final ChartRange range = ChartRange.choose(oldDay, null, SETTINGS, NOW);
        assertThat(range.step()).isEqualTo(Duration.ofHours(1));
        assertThat(range.resolution()).isEqualTo(Resolution.HOUR);
        assertThatThrownBy(() -> ChartRange.choose(oldDay, "15m", SETTINGS, NOW))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("needs a step of whole hours");
    }

    @Test
    void stepsAreShortOrIso8601WholeMinutes() {
        assertThat(ChartRange.parseStep("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ChartRange.parseStep("15 min")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ChartRange.parseStep("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ChartRange.parseStep("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ChartRange.parseStep("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(ChartRange.parseStep("pt1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> ChartRange.parseStep("-PT5M")).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> ChartRange.choose(period(Duration.ofHours(1)), "90s", SETTINGS, NOW))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("whole minutes");
        assertThat(ChartRange.choose(period(Duration.ofDays(3)), "3h", SETTINGS, NOW).resolution())
                .isEqualTo(Resolution.HOUR_BUCKETS);
    }

    private record Choice(Duration step, Resolution resolution) {
    }

    private static Choice auto(final Duration length) {
        final ChartRange range = ChartRange.choose(period(length), null, SETTINGS, NOW);
        return new Choice(range.step(), range.resolution());
    }

    private static Period period(final Duration length) {
        return new Period(NOW.minus(length), NOW);
    }
}
