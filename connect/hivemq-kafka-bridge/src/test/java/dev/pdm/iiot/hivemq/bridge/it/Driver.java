package dev.pdm.iiot.hivemq.bridge.it;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Makes every device of a fleet publish its next reading at a fixed interval, until stopped. */
final class Driver implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "devices-driver");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong next = new AtomicLong();

    Driver(final List<Device> devices, final long intervalMillis) {
        timer.scheduleAtFixedRate(() -> {
            final long seq = next.getAndIncrement();
            devices.forEach(d -> d.publish(seq));
        }, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Readings each device was given so far. */
    long published() {
        return next.get();
    }

    /** Stops publishing; returns the readings each device was given. */
    long stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        return next.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
