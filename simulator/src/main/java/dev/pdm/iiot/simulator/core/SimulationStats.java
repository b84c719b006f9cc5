package dev.pdm.iiot.simulator.core;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running simulation, read by progress reports from any thread. */
public final class SimulationStats {

    private final AtomicLong readings = new AtomicLong();
    private volatile long lagNanos;
    private volatile long maxLagNanos;
    private volatile long simulatedNanos;
    private volatile long endNanos;

    void recordReading(final long offsetNanos, final long lag) {
        readings.incrementAndGet();
        simulatedNanos = offsetNanos;
        lagNanos = lag;
        if (lag > maxLagNanos) {
            maxLagNanos = lag;
        }
    }

    void recordEnd() {
        endNanos = System.nanoTime();
    }

    /** The {@link System#nanoTime()} at which the run stopped generating readings, or 0 while it runs. */
    public long endNanos() {
        return endNanos;
    }

    /** Starts the worst-lag measure afresh, e.g. at the end of a warm-up. */
    public void resetMaxLag() {
        maxLagNanos = 0;
    }

    /** Readings generated and handed to every sink. */
    public long readings() {
        return readings.get();
    }

    /** How late the latest reading was handed over, against its due time (real-time runs). */
    public long lagNanos() {
        return lagNanos;
    }

    /** The worst lag so far. */
    public long maxLagNanos() {
        return maxLagNanos;
    }

    /** Simulated time reached, from the start. */
    public long simulatedNanos() {
        return simulatedNanos;
    }
}
