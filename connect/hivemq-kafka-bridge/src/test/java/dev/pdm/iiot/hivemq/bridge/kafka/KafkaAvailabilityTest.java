package dev.pdm.iiot.hivemq.bridge.kafka;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaAvailabilityTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final KafkaAvailability availability = new KafkaAvailability(Duration.ofSeconds(1), now::get);

    @Test
    void letsEverySendGoWhileKafkaTakesWrites() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(availability.trySend()).isTrue();
        }
        assertThat(availability.isAvailable()).isTrue();
    }

    @Test
    void duringAnOutageRefusesAllButOneTrialPerRetryInterval() {
        availability.unavailable(new TimeoutException("expired"));

        assertThat(availability.isAvailable()).isFalse();
        assertThat(availability.trySend()).as("right after the failure").isFalse();
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(availability.trySend()).isFalse();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(availability.trySend()).as("the trial after a second").isTrue();
        assertThat(availability.trySend()).as("only one trial").isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(availability.trySend()).as("the next trial").isTrue();
    }

    @Test
    void theFirstStoredRecordEndsTheOutage() {
        availability.unavailable(new TimeoutException("expired"));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(availability.trySend()).isTrue();

        availability.stored();

        assertThat(availability.isAvailable()).isTrue();
        assertThat(availability.trySend()).isTrue();
        assertThat(availability.trySend()).isTrue();
    }

    @Test
    void aSecondFailureDuringAnOutageDoesNotPushTheNextTrialOut() {
        availability.unavailable(new TimeoutException("first"));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        availability.unavailable(new TimeoutException("second"));
        now.addAndGet(Duration.ofMillis(500).toNanos());

        assertThat(availability.trySend()).isTrue();
    }
}
