package dev.pdm.iiot.dashboard.ws;

import dev.pdm.iiot.dashboard.stats.FanOutMetrics;
import dev.pdm.iiot.dashboard.stats.PlantStatistics;
import dev.pdm.iiot.dashboard.support.Lazy;
import dev.pdm.iiot.dashboard.view.PlantSnapshot;
import dev.pdm.iiot.dashboard.view.ViewEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The fan-out policy, independent of the WebSocket server: changes of the plant view are coalesced
 * per key between ticks; each tick every client that is ready gets them as one message, serialized
 * once for all; a busy client's changes are coalesced into its own backlog (latest wins per key); a
 * client that has had a message in flight for longer than the stall timeout, or whose backlog
 * exceeds its bound, is disconnected with {@link #SLOW_CLIENT_CLOSE_CODE}: the page reconnects and
 * starts again from a fresh snapshot. Memory per client is one message in flight plus a backlog of
 * at most one entry per machine and alert.
 */
public final class Broadcaster {

    private static final Logger LOG = LoggerFactory.getLogger(Broadcaster.class);

    /** Close code of a client disconnected for not keeping up (application range of RFC 6455). */
    public static final int SLOW_CLIENT_CLOSE_CODE = 4000;

    private final Supplier<PlantSnapshot> snapshots;
    private final Supplier<PlantStatistics> statistics;
    private final FanOutMetrics metrics;
    private final long statsIntervalNanos;
    private final long stallNanos;
    private final int maxBacklog;

    private final Object changesLock = new Object();
    private Frame changes = new Frame();
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private long lastStatsNanos = Long.MIN_VALUE;
    private boolean droppedBefore;

    public Broadcaster(final Supplier<PlantSnapshot> snapshots, final Supplier<PlantStatistics> statistics,
                       final FanOutMetrics metrics, final Duration statsInterval, final Duration stallTimeout,
                       final int maxBacklog) {
        this.snapshots = snapshots;
        this.statistics = statistics;
        this.metrics = metrics;
        this.statsIntervalNanos = statsInterval.toNanos();
        this.stallNanos = stallTimeout.toNanos();
        this.maxBacklog = maxBacklog;
    }

    /** A change of the view; cheap, called on the Kafka consumer threads. */
    public void changed(final ViewEntry entry) {
        synchronized (changesLock) {
            changes.merge(entry);
        }
    }

    /** A new client: it gets a snapshot on the next tick, then every change after it. */
    public void open(final Outbound out) {
        final ClientSession previous = sessions.put(out.id(), new ClientSession(out, metrics));
        if (previous == null) {
            metrics.clientOpened();
        }
        LOG.debug("WebSocket client {} connected", out.id());
    }

    public void closed(final String id) {
        if (sessions.remove(id) != null) {
            metrics.clientClosed();
            LOG.debug("WebSocket client {} disconnected", id);
        }
    }

    /** The client asks for a fresh snapshot (its state is in doubt). */
    public void resync(final String id) {
        final ClientSession session = sessions.get(id);
        if (session != null) {
            session.requestSnapshot();
        }
    }

    public int clients() {
        return sessions.size();
    }

    /** One round of sending; called at a fixed rate, from one thread. */
    public void tick(final long nowNanos) {
        final Frame frame;
        synchronized (changesLock) {
            frame = changes;
            changes = new Frame();
        }
        final PlantStatistics dueStats;
        if (lastStatsNanos == Long.MIN_VALUE || nowNanos - lastStatsNanos >= statsIntervalNanos) {
            lastStatsNanos = nowNanos;
            dueStats = sessions.isEmpty() ? null : statistics.get();
        } else {
            dueStats = null;
        }
        if (sessions.isEmpty()) {
            return;
        }
        final Lazy<PlantStatistics> current = new Lazy<>(() -> dueStats != null ? dueStats : statistics.get());
        final ClientSession.Tick tick = new ClientSession.Tick(nowNanos, dueStats,
                new Lazy<>(() -> MessageCodec.batch(frame, dueStats)),
                new Lazy<>(() -> MessageCodec.snapshot(snapshots.get(), current.get())),
                current, stallNanos, maxBacklog);
        for (final ClientSession session : sessions.values()) {
            if (!session.out().isOpen()) {
                closed(session.out().id());
                continue;
            }
            final ClientSession.Step step;
            try {
                step = session.tick(frame, tick);
            } catch (RuntimeException e) {
                drop(session, "cannot send: " + e);
                continue;
            }
            switch (step) {
                case STALLED -> drop(session, "its last message was not taken within " + Duration.ofNanos(stallNanos));
                case BACKLOG_FULL -> drop(session, "its backlog exceeds " + maxBacklog + " entries");
                case FAILED -> drop(session, "sending failed: " + session.failure());
                default -> {
                }
            }
        }
    }

    /** Closes every client, e.g. when the server stops. */
    public void closeAll(final int code, final String reason) {
        for (final ClientSession session : sessions.values()) {
            closed(session.out().id());
            session.out().close(code, reason);
        }
    }

    private void drop(final ClientSession session, final String why) {
        if (sessions.remove(session.out().id(), session)) {
            metrics.clientClosed();
        }
        metrics.dropped();
        final long total = metrics.snapshot().dropped();
        if (!droppedBefore) {
            droppedBefore = true;
            LOG.warn("Disconnected slow WebSocket client {}: {} (dropped clients so far: {}; later drops are logged"
                    + " at DEBUG and counted in the statistics)", session.out().id(), why, total);
        } else {
            LOG.debug("Disconnected slow WebSocket client {}: {} (dropped clients so far: {})",
                    session.out().id(), why, total);
        }
        try {
            session.out().close(SLOW_CLIENT_CLOSE_CODE, "too slow: reconnect for a fresh snapshot");
        } catch (RuntimeException e) {
            LOG.debug("Closing client {} failed", session.out().id(), e);
        }
    }
}
