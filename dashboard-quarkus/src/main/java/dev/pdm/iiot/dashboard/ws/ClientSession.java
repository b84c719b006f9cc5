package dev.pdm.iiot.dashboard.ws;

import dev.pdm.iiot.dashboard.stats.FanOutMetrics;
import dev.pdm.iiot.dashboard.stats.PlantStatistics;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One connected client. At most one message is in flight to it at any time; while one is, the
 * changes of every tick are merged into its backlog, one entry per key (latest wins), so a slow
 * client gets fewer, fresher updates instead of a growing queue. Its first message is a snapshot.
 */
final class ClientSession {

    /** What a tick did with this client. */
    enum Step { SENT, IDLE, WAITING, STALLED, BACKLOG_FULL, FAILED }

    private final Outbound out;
    private final FanOutMetrics metrics;
    private Frame backlog = new Frame();
    private boolean snapshotWanted = true;
    private boolean statsPending;
    private boolean inFlight;
    private long inFlightSince;
    private boolean failed;
    private String failure;

    ClientSession(final Outbound out, final FanOutMetrics metrics) {
        this.out = out;
        this.metrics = metrics;
    }

    Outbound out() {
        return out;
    }

    synchronized void requestSnapshot() {
        snapshotWanted = true;
    }

    synchronized int backlogSize() {
        return backlog.size();
    }

    synchronized String failure() {
        return failure;
    }

    /**
     * @param frame    the changes of this tick, shared by every client: only read
     * @param ctx      the tick: time, limits and the shared messages, built at most once per tick
     */
    synchronized Step tick(final Frame frame, final Tick ctx) {
        if (failed) {
            return Step.FAILED;
        }
        if (inFlight) {
            if (!snapshotWanted) {
                metrics.coalesced(backlog.mergeAll(frame));
                metrics.backlog(backlog.size());
            }
            statsPending |= ctx.statistics() != null;
            if (ctx.nowNanos() - inFlightSince > ctx.stallNanos()) {
                return Step.STALLED;
            }
            return backlog.size() > ctx.maxBacklog() ? Step.BACKLOG_FULL : Step.WAITING;
        }
        if (snapshotWanted) {
            snapshotWanted = false;
            backlog = new Frame();
            statsPending = false;
            send(ctx.snapshot().get(), 0, true, ctx.nowNanos());
            return Step.SENT;
        }
        final boolean withStats = ctx.statistics() != null || statsPending;
        if (!backlog.isEmpty()) {
            metrics.coalesced(backlog.mergeAll(frame));
            final Frame pending = backlog;
            backlog = new Frame();
            statsPending = false;
            send(MessageCodec.batch(pending, withStats ? ctx.currentStatistics().get() : null), pending.size(),
                    false, ctx.nowNanos());
            return Step.SENT;
        }
        if (frame.isEmpty() && !withStats) {
            return Step.IDLE;
        }
        if (statsPending && ctx.statistics() == null) {
            statsPending = false;
            send(MessageCodec.batch(frame, ctx.currentStatistics().get()), frame.size(), false, ctx.nowNanos());
        } else {
            send(ctx.sharedBatch().get(), frame.size(), false, ctx.nowNanos());
        }
        return Step.SENT;
    }

    private void send(final String text, final int entries, final boolean snapshot, final long nowNanos) {
        inFlight = true;
        inFlightSince = nowNanos;
        final CompletionStage<Void> sent;
        try {
            sent = out.send(text);
        } catch (RuntimeException e) {
            inFlight = false;
            fail(e);
            return;
        }
        sent.whenComplete((ok, error) -> sent(error, entries, snapshot));
    }

    private synchronized void sent(final Throwable error, final int entries, final boolean snapshot) {
        inFlight = false;
        if (error != null) {
            fail(error);
            return;
        }
        if (snapshot) {
            metrics.snapshotSent();
        }
        metrics.sent(entries);
    }

    private void fail(final Throwable error) {
        failed = true;
        failure = error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /**
     * What one tick shares between its clients.
     *
     * @param nowNanos          the tick's time
     * @param statistics        the statistics when they are due this tick, else null
     * @param sharedBatch       this tick's changes (and due statistics) as one message, built once
     * @param snapshot          a snapshot message, built at most once per tick
     * @param currentStatistics the statistics now, for a client that missed them while busy
     * @param stallNanos        how long a message may stay in flight
     * @param maxBacklog        how many entries a backlog may hold
     */
    record Tick(long nowNanos, PlantStatistics statistics, Supplier<String> sharedBatch, Supplier<String> snapshot,
                Supplier<PlantStatistics> currentStatistics, long stallNanos, int maxBacklog) {
    }
}
