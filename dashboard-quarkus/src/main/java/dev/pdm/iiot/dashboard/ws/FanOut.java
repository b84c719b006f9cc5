package dev.pdm.iiot.dashboard.ws;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.dashboard.stats.FanOutMetrics;
import dev.pdm.iiot.dashboard.stats.StatisticsService;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.dashboard.view.ViewListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pushes the plant view to every connected browser: listens to the view, runs the
 * {@link Broadcaster}'s tick on its own timer thread, and stops it (closing every client with
 * 1001 "going away") when the application stops.
 */
@ApplicationScoped
public class FanOut {

    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    private final PlantView view;
    private final DashboardConfig config;
    private final Broadcaster broadcaster;
    private final ViewListener listener;
    private ScheduledExecutorService timer;

    @Inject
    public FanOut(final PlantView view, final StatisticsService statistics, final FanOutMetrics metrics,
                  final DashboardConfig config) {
        this.view = view;
        this.config = config;
        this.broadcaster = new Broadcaster(view::snapshot, statistics::current, metrics,
                config.ws().statsInterval(), config.ws().stallTimeout(), config.ws().maxBacklog());
        this.listener = broadcaster::changed;
    }

    void start(@Observes final StartupEvent event) {
        view.addListener(listener);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "websocket-fan-out");
            t.setDaemon(true);
            return t;
        });
        final long every = Math.max(10, config.ws().tick().toMillis());
        timer.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
        LOG.info("WebSocket fan-out every {} ms, stall timeout {}, backlog bound {} entries", every,
                config.ws().stallTimeout(), config.ws().maxBacklog());
    }

    void stop(@Observes final ShutdownEvent event) {
        view.removeListener(listener);
        if (timer != null) {
            timer.shutdownNow();
        }
        broadcaster.closeAll(1001, "server stopping");
    }

    public void open(final WebSocketConnection connection) {
        broadcaster.open(new ConnectionOutbound(connection));
    }

    public void closed(final WebSocketConnection connection) {
        broadcaster.closed(connection.id());
    }

    public void resync(final WebSocketConnection connection) {
        broadcaster.resync(connection.id());
    }

    public int clients() {
        return broadcaster.clients();
    }

    private void tick() {
        try {
            broadcaster.tick(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.error("WebSocket fan-out tick failed; the next tick tries again", e);
        }
    }
}
