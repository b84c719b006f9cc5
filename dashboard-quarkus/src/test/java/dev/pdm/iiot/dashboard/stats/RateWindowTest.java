package dev.pdm.iiot.dashboard.stats;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RateWindowTest {

    @Test
    void averagesTheCompleteSecondsOfTheWindow() {
        final RateWindow rate = new RateWindow(Duration.ofSeconds(10));
        final long start = 1_000_000_000L;
        for (int s = 0; s < 20; s++) {
            rate.record(start + s * 1000L + 500, 100);
        }
        rate.record(start + 20_000L + 10, 5_000);

        assertThat(rate.perSecond(start + 20_000L + 500)).isCloseTo(100.0, within(0.001));
    }

    @Test
    void rightAfterTheFirstEventsOnlyTheSecondsSinceCount() {
        final RateWindow rate = new RateWindow(Duration.ofSeconds(10));
        final long start = 2_000_000_000L;
        rate.record(start, 50);
        rate.record(start + 1000, 50);

        assertThat(rate.perSecond(start + 2_100)).isCloseTo(50.0, within(0.001));
        assertThat(new RateWindow(Duration.ofSeconds(10)).perSecond(start)).isZero();
    }

    @Test
    void anEventOlderThanTheWindowArrivingLateChangesNothing() {
        final RateWindow rate = new RateWindow(Duration.ofSeconds(10));
        final long start = 4_000_000_000L;
        rate.record(start + 11_500, 100);

        // eleven seconds older: the slot of the second above, and outside any window that holds it
        rate.record(start + 500, 1_000);

        assertThat(rate.perSecond(start + 12_100)).isCloseTo(10.0, within(0.001));
    }

    @Test
    void oldSecondsLeaveTheWindow() {
        final RateWindow rate = new RateWindow(Duration.ofSeconds(5));
        final long start = 3_000_000_000L;
        rate.record(start, 1_000);

        assertThat(rate.perSecond(start + 30_000)).isZero();
    }
}
