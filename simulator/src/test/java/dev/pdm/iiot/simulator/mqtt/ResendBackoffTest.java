package dev.pdm.iiot.simulator.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResendBackoffTest {

    private static final long MS = 1_000_000L;

    @Test
    void theFirstRefusalWaits200Milliseconds() {
        final ResendBackoff backoff = ResendBackoff.defaults();

        assertThat(backoff.refused(backoff.round(), 1_000 * MS)).isTrue();

        assertThat(backoff.waiting(1_199 * MS)).isTrue();
        assertThat(backoff.waiting(1_200 * MS)).isFalse();
    }

    @Test
    void refusalsOfReadingsSentBeforeTheRoundBeganNeitherLengthenNorRestartTheWait() {
        final ResendBackoff backoff = ResendBackoff.defaults();
        final long window = backoff.round();   // the whole in-flight window is sent in this round
        backoff.refused(window, 1_000 * MS);

        // the rest of the window comes back refused too
        assertThat(backoff.refused(window, 1_050 * MS)).isFalse();
        assertThat(backoff.refused(window, 1_150 * MS)).isFalse();

        assertThat(backoff.readyAtNanos()).isEqualTo(1_200 * MS);
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void eachRoundRefusedAgainDoublesTheWaitUpToFiveSeconds() {
        final ResendBackoff backoff = ResendBackoff.defaults();
        final List<Long> waits = new ArrayList<>();
        long now = 0;
        for (int round = 0; round < 8; round++) {
            final long probe = backoff.round();   // the probe, sent once the previous wait was over
            now += MS;
            assertThat(backoff.refused(probe, now)).isTrue();
            waits.add((backoff.readyAtNanos() - now) / MS);
            now = backoff.readyAtNanos();
        }

        assertThat(waits).containsExactly(200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L, 5_000L);
    }

    @Test
    void anAcceptedReadingResetsTheWait() {
        final ResendBackoff backoff = ResendBackoff.defaults();
        backoff.refused(backoff.round(), MS);
        backoff.refused(backoff.round(), 301 * MS);
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(800));

        backoff.accepted();

        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.refused(backoff.round(), 2_001 * MS)).isTrue();
        assertThat(backoff.readyAtNanos()).isEqualTo(2_201 * MS);
    }
}
