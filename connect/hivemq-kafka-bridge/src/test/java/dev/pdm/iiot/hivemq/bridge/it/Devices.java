package dev.pdm.iiot.hivemq.bridge.it;

import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A fleet of test devices and a timer that keeps them sending whatever is queued (resends after reconnects). */
final class Devices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);
    private static final int PARALLEL = 50;

    private final List<Device> devices;
    private final ScheduledExecutorService pump = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "devices-pump");
        t.setDaemon(true);
        return t;
    });

    private Devices(final List<Device> devices) {
        this.devices = List.copyOf(devices);
        pump.scheduleWithFixedDelay(() -> this.devices.forEach(Device::pump), 50, 50, TimeUnit.MILLISECONDS);
    }

    interface Factory {
        Device create(int index) throws Exception;
    }

    /** Connects {@code count} devices, many at a time. */
    static Devices connect(final int count, final Factory factory) throws Exception {
        final ExecutorService connecting = Executors.newFixedThreadPool(PARALLEL);
        final List<Future<Device>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final int index = i;
            futures.add(connecting.submit(() -> factory.create(index)));
        }
        connecting.shutdown();
        final List<Device> devices = new ArrayList<>();
        Exception failure = null;
        for (final Future<Device> future : futures) {
            try {
                devices.add(future.get());
            } catch (ExecutionException e) {
                failure = failure == null ? new IllegalStateException("a device could not connect", e.getCause())
                        : failure;
            }
        }
        if (failure != null) {
            new Devices(devices).close();
            throw failure;
        }
        return new Devices(devices);
    }

    static String machine(final int index) {
        return String.format("MACHINE_%04d", index + 1);
    }

    List<Device> all() {
        return devices;
    }

    Device get(final int index) {
        return devices.get(index);
    }

    /**
     * Waits until no device has a reading queued or in flight; fails naming the devices that still
     * have some.
     */
    static void awaitAllAcknowledged(final List<Device> devices, final Duration timeout) {
        try {
            await("every reading acknowledged").atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .until(() -> devices.stream().allMatch(d -> d.pending() == 0));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("readings not acknowledged within " + timeout + ": " + devices.stream()
                    .filter(d -> d.pending() > 0).map(Device::toString).toList(), e);
        }
    }

    long acked() {
        return devices.stream().mapToLong(d -> d.acked().size()).sum();
    }

    long pending() {
        return devices.stream().mapToLong(Device::pending).sum();
    }

    long refusals() {
        return devices.stream().mapToLong(Device::refusals).sum();
    }

    long connectionsLost() {
        return devices.stream().mapToLong(Device::connectionsLost).sum();
    }

    @Override
    public void close() {
        pump.shutdownNow();
        final ExecutorService closing = Executors.newFixedThreadPool(PARALLEL);
        devices.forEach(d -> closing.submit(() -> closeQuietly(d)));
        closing.shutdown();
        try {
            closing.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(final Device device) {
        try {
            device.close();
        } catch (Exception e) {
            LOG.debug("closing {} failed: {}", device.machine(), e.toString());
        }
    }
}
