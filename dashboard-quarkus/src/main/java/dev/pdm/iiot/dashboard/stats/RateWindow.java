package dev.pdm.iiot.dashboard.stats;

import java.time.Duration;

/**
 * Events per second over a sliding window of whole seconds (the current, incomplete second is left
 * out). Events are recorded at the second they happened, which may be out of order: an event older
 * than the second its slot now holds is outside the window already and is ignored. Thread-safe.
 */
public final class RateWindow {

    private final int window;
    private final long[] seconds;
    private final long[] counts;
    private long firstSecond = -1;

    public RateWindow(final Duration window) {
        this.window = (int) Math.max(1, window.toSeconds());
        this.seconds = new long[this.window + 1];
        this.counts = new long[this.window + 1];
        java.util.Arrays.fill(seconds, -1);
    }

    public synchronized void record(final long epochMillis, final long n) {
        final long second = Math.floorDiv(epochMillis, 1000);
        if (firstSecond < 0 || second < firstSecond) {
            firstSecond = second;
        }
        final int i = (int) Math.floorMod(second, (long) seconds.length);
        if (seconds[i] > second) {
            return;
        }
        if (seconds[i] != second) {
            seconds[i] = second;
            counts[i] = 0;
        }
        counts[i] += n;
    }

    /** The mean rate over the complete seconds of the window (fewer right after the first event). */
    public synchronized double perSecond(final long nowEpochMillis) {
        if (firstSecond < 0) {
            return 0;
        }
        final long now = Math.floorDiv(nowEpochMillis, 1000);
        final long from = Math.max(now - window, firstSecond);
        final long span = now - from;
        if (span <= 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i] >= from && seconds[i] < now) {
                sum += counts[i];
            }
        }
        return (double) sum / span;
    }
}
