package dev.pdm.iiot.notifier.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doublesTheWaitAfterEachFailedAttemptUpToTheMaximum() {
        final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5), 10);

        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(9)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theLastAttemptHasNoRetry() {
        final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5), 3);

        assertThat(backoff.after(2)).isNotNull();
        assertThat(backoff.after(3)).isNull();
    }

    @Test
    void manyAttemptsDoNotOverflow() {
        assertThat(new Backoff(Duration.ofDays(1), Duration.ofDays(2), 1000).after(500)).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
