package dev.pdm.iiot.connect.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doublesUpToTheCapAndStartsOverAfterASuccess() {
        final Backoff backoff = new Backoff(100, 1_000);

        assertThat(backoff.next()).isBetween(80L, 120L);
        assertThat(backoff.next()).isBetween(160L, 240L);
        assertThat(backoff.next()).isBetween(320L, 480L);
        assertThat(backoff.next()).isBetween(640L, 960L);
        assertThat(backoff.next()).isBetween(800L, 1_000L);
        assertThat(backoff.next()).isBetween(800L, 1_000L);

        backoff.reset();
        assertThat(backoff.next()).isBetween(80L, 120L);
    }

    @Test
    void refusesAMinimumAboveTheMaximum() {
        assertThatThrownBy(() -> new Backoff(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
