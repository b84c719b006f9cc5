package dev.pdm.iiot.simulator.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard against Paho's stalled reconnect, on a clock and an executor the test drives. */
class ReconnectGuardTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean connected = new AtomicBoolean(true);
    private final AtomicInteger reconnects = new AtomicInteger();
    private final List<Runnable> queued = new ArrayList<>();
    private final ReconnectGuard guard = new ReconnectGuard("client-1", connected::get, reconnects::incrementAndGet,
            queued::add, clock::get, Duration.ofSeconds(10));

    private void after(final Duration elapsed) {
        clock.addAndGet(elapsed.toNanos());
        guard.check();
    }

    private void runQueued() {
        final List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aConnectedClientIsLeftAlone() {
        for (int i = 0; i < 60; i++) {
            after(Duration.ofSeconds(1));
        }
        assertThat(queued).isEmpty();
        assertThat(guard.reconnects()).isZero();
    }

    @Test
    void aClientDisconnectedForLongerThanTheStallTimeoutIsReconnectedOffTheTimerThread() {
        guard.check();
        connected.set(false);
        after(Duration.ofSeconds(1));       // first seen disconnected
        after(Duration.ofSeconds(9));
        assertThat(queued).as("not before the stall timeout").isEmpty();

        after(Duration.ofSeconds(1));
        assertThat(queued).as("handed to the executor, not run on the checking thread").hasSize(1);
        assertThat(reconnects).hasValue(0);
        runQueued();
        assertThat(reconnects).hasValue(1);
        assertThat(guard.reconnects()).isEqualTo(1);

        after(Duration.ofSeconds(9));
        assertThat(queued).as("the next one a stall timeout later").isEmpty();
        after(Duration.ofSeconds(1));
        runQueued();
        assertThat(reconnects).hasValue(2);
    }

    @Test
    void aReconnectStillRunningIsNotStartedTwice() {
        connected.set(false);
        guard.check();
        after(Duration.ofSeconds(10));
        assertThat(queued).hasSize(1);

        after(Duration.ofSeconds(30));
        assertThat(queued).as("the first has not returned yet").hasSize(1);
        runQueued();
        after(Duration.ofSeconds(10));
        assertThat(queued).hasSize(1);
    }

    @Test
    void aClientThatCameBackInTimeStartsAFreshCount() {
        connected.set(false);
        guard.check();
        after(Duration.ofSeconds(8));
        connected.set(true);
        after(Duration.ofSeconds(1));
        connected.set(false);
        after(Duration.ofSeconds(1));
        after(Duration.ofSeconds(8));
        assertThat(queued).as("disconnected 8 s this time").isEmpty();
        after(Duration.ofSeconds(2));
        assertThat(queued).hasSize(1);
    }

    @Test
    void aFailingReconnectIsLoggedAndTriedAgainLater() {
        final ReconnectGuard failing = new ReconnectGuard("client-2", () -> false, () -> {
            throw new IllegalStateException("connect threw before reaching the network");
        }, queued::add, clock::get, Duration.ofSeconds(10));
        failing.check();
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        failing.check();
        runQueued();
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        failing.check();

        assertThat(queued).hasSize(1);
        assertThat(failing.reconnects()).isEqualTo(2);
    }
}
