package dev.pdm.iiot.simulator.load;

import dev.pdm.iiot.simulator.core.SimulationStats;
import dev.pdm.iiot.simulator.mqtt.PublishStats;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Prints a progress line at a fixed interval (rate achieved, acknowledgements, in flight, refusals,
 * rejections, failures, lag, latency) and makes the {@link LoadSummary} of the window after the warm-up.
 */
public final class ProgressReporter implements AutoCloseable {

    private final SimulationStats simulation;
    private final PublishStats publishing;
    private final Duration interval;
    private final Duration warmup;
    private final Consumer<String> out;
    private final long startNanos = System.nanoTime();
    private ScheduledExecutorService timer;
    private final Snapshot first;
    private Snapshot previous;
    private Snapshot baseline;

    /**
     * @param simulation the run's counters
     * @param publishing the publisher's counters, or null without MQTT
     * @param interval   between two lines; zero for no lines (the summary still works)
     * @param warmup     the time at the start left out of the summary
     * @param out        where lines go
     */
    public ProgressReporter(final SimulationStats simulation, final PublishStats publishing, final Duration interval,
                            final Duration warmup, final Consumer<String> out) {
        this.simulation = simulation;
        this.publishing = publishing;
        this.interval = interval;
        this.warmup = warmup;
        this.out = out;
        this.first = snapshot();
        this.previous = first;
        this.baseline = warmup.isZero() ? first : null;
    }

    public synchronized ProgressReporter start() {
        final long tick = interval.isZero() ? Math.min(warmup.toMillis(), 1000) : interval.toMillis();
        if (tick > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** The summary of the window from the end of the warm-up (or the start) until the end of the run, or now. */
    public synchronized LoadSummary summary() {
        final Snapshot taken = snapshot();
        // the window ends with the last reading, not with the wait for the last acknowledgements
        final Snapshot now = simulation.endNanos() == 0 ? taken
                : new Snapshot(simulation.endNanos(), taken.readings, taken.published, taken.acked);
        final Snapshot from = baseline != null ? baseline : first;
        final Histogram latency = publishing == null ? null : publishing.totalLatency();
        return new LoadSummary((now.nanos - from.nanos) / 1e9, now.readings - from.readings,
                publishing == null ? null : now.published - from.published,
                publishing == null ? null : now.acked - from.acked,
                publishing == null ? 0 : publishing.refused(),
                publishing == null ? 0 : publishing.rejected(),
                publishing == null ? 0 : publishing.failed(),
                publishing == null ? 0 : publishing.inFlight(),
                simulation.maxLagNanos() / 1e6, latency,
                publishing == null ? Map.of() : publishing.refusalsByReason(),
                publishing == null ? Map.of() : publishing.rejectionsByReason(),
                publishing == null ? Map.of() : publishing.failuresByReason());
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private synchronized void tick() {
        final Snapshot now = snapshot();
        final boolean warmingUp = baseline == null;
        if (!interval.isZero()) {
            out.accept(line(now, warmingUp));
        }
        if (warmingUp && now.nanos - startNanos >= warmup.toNanos()) {
            baseline = now;
            simulation.resetMaxLag();
            if (publishing != null) {
                publishing.resetLatency();
            }
            out.accept("warm-up over; measuring from here");
        }
        previous = now;
    }

    private String line(final Snapshot now, final boolean warmingUp) {
        final double dt = Math.max(1e-9, (now.nanos - previous.nanos) / 1e9);
        final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%6.0fs  readings %,8.0f/s",
                (now.nanos - startNanos) / 1e9, (now.readings - previous.readings) / dt));
        if (publishing != null) {
            final Histogram h = publishing.intervalLatency();
            b.append(String.format(Locale.ROOT, "  acked %,8.0f/s  in flight %,6d  refused %,d  rejected %,d  failed %,d",
                    (now.acked - previous.acked) / dt, publishing.inFlight(), publishing.refused(), publishing.rejected(),
                    publishing.failed()));
            if (h.getTotalCount() > 0) {
                b.append(String.format(Locale.ROOT, "  latency p50 %.2f ms p99 %.2f ms",
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0));
            }
        }
        b.append(String.format(Locale.ROOT, "  lag %.1f ms", simulation.lagNanos() / 1e6));
        if (warmingUp) {
            b.append("  (warm-up)");
        }
        return b.toString();
    }

    private Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), simulation.readings(),
                publishing == null ? 0 : publishing.published(), publishing == null ? 0 : publishing.acked());
    }

    private record Snapshot(long nanos, long readings, long published, long acked) {
    }
}
