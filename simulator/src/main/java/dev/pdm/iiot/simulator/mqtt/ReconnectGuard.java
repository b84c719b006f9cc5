package dev.pdm.iiot.simulator.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Brings a Paho client back when its automatic reconnect has stalled. Paho 1.2.5's
 * {@code attemptReconnect()} catches an {@code MqttException} that {@code connect()} throws before it
 * reaches the network, logs it and schedules no further attempt: the client then stays disconnected
 * for ever. Paho's own back-off also grows well past its configured maximum. Checked periodically
 * ({@link #check()}, on the publisher's shared timer), the guard notices a client that has been
 * disconnected for longer than the stall timeout and starts a reconnect itself, on another executor
 * so that the timer never blocks; then it waits the stall timeout again before the next one.
 */
final class ReconnectGuard {

    /** How long a client may stay disconnected before the guard reconnects it itself. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(10);
    /** How often the guard looks. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectGuard.class);
    private static final long CONNECTED = Long.MIN_VALUE;

    private final String clientId;
    private final BooleanSupplier connected;
    private final Runnable reconnect;
    private final Executor executor;
    private final LongSupplier nanoClock;
    private final long stallNanos;
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final AtomicLong reconnects = new AtomicLong();
    private long disconnectedSince = CONNECTED;

    /**
     * @param connected whether the client is connected now
     * @param reconnect starts a reconnect (Paho's {@code reconnect()}); run on {@code executor}
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     */
    ReconnectGuard(final String clientId, final BooleanSupplier connected, final Runnable reconnect,
                   final Executor executor, final LongSupplier nanoClock, final Duration stallTimeout) {
        this.clientId = clientId;
        this.connected = connected;
        this.reconnect = reconnect;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.stallNanos = stallTimeout.toNanos();
    }

    /** One look: reconnects the client when it has been disconnected for longer than the stall timeout. */
    synchronized void check() {
        final long now = nanoClock.getAsLong();
        if (connected.getAsBoolean()) {
            disconnectedSince = CONNECTED;
            return;
        }
        if (disconnectedSince == CONNECTED) {
            disconnectedSince = now;
            return;
        }
        if (now - disconnectedSince < stallNanos || !reconnecting.compareAndSet(false, true)) {
            return;
        }
        disconnectedSince = now;
        reconnects.incrementAndGet();
        LOG.warn("{} has been disconnected for over {} s without reconnecting; reconnecting it", clientId,
                stallNanos / 1_000_000_000L);
        try {
            executor.execute(() -> {
                try {
                    reconnect.run();
                } catch (RuntimeException e) {
                    LOG.warn("{}: reconnecting failed: {}", clientId, e.toString());
                } finally {
                    reconnecting.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            reconnecting.set(false);   // the publisher is closing
        }
    }

    /** Reconnects the guard started. */
    long reconnects() {
        return reconnects.get();
    }
}
