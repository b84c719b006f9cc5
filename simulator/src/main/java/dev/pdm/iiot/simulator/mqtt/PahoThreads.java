package dev.pdm.iiot.simulator.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads of all the publisher's Paho clients, handed to each {@code MqttAsyncClient} as its
 * executor.
 *
 * <p>Paho 1.2.5 runs three loops per connected client (receiver, sender, callback) that block for
 * as long as the connection lives, and without an executor it also starts a {@code java.util.Timer}
 * thread per client for the keep-alive ping. Those loops cannot share threads: given an ordinary
 * {@code ScheduledThreadPoolExecutor} of n threads, the first n/3 clients take them all and every
 * other client waits for ever. So this executor splits the work by kind:
 * <ul>
 *   <li>{@link #execute} (the loops, connects and disconnects): a cached pool, one thread per running
 *       loop, kept 60 s when idle so that a reconnect reuses them;</li>
 *   <li>{@code schedule…} (every client's ping and the {@link Outbox}es' resend timers): one thread
 *       for the whole publisher. Its tasks must be short and must not block.</li>
 * </ul>
 * A connected client therefore costs three threads and no timer. All threads are daemons.
 */
final class PahoThreads extends AbstractExecutorService implements ScheduledExecutorService {

    private final ExecutorService loops;
    private final ScheduledThreadPoolExecutor timer;

    PahoThreads(final String name) {
        final AtomicInteger count = new AtomicInteger();
        this.loops = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon(() -> name + "-mqtt-" + count.incrementAndGet()));
        this.timer = new ScheduledThreadPoolExecutor(1, daemon(() -> name + "-mqtt-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory daemon(final Supplier<String> names) {
        return r -> {
            final Thread t = new Thread(r, names.get());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void execute(final Runnable command) {
        loops.execute(command);
    }

    @Override
    public ScheduledFuture<?> schedule(final Runnable command, final long delay, final TimeUnit unit) {
        return timer.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(final Callable<V> callable, final long delay, final TimeUnit unit) {
        return timer.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(final Runnable command, final long initialDelay, final long period,
                                                  final TimeUnit unit) {
        return timer.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(final Runnable command, final long initialDelay, final long delay,
                                                     final TimeUnit unit) {
        return timer.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        timer.shutdown();
        loops.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        final List<Runnable> left = new ArrayList<>(timer.shutdownNow());
        left.addAll(loops.shutdownNow());
        return left;
    }

    @Override
    public boolean isShutdown() {
        return timer.isShutdown() && loops.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return timer.isTerminated() && loops.isTerminated();
    }

    @Override
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        return timer.awaitTermination(timeout, unit)
                && loops.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
