package dev.pdm.iiot.dashboard.detector;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.dashboard.stats.PlantStatistics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks the detector's readiness at a fixed interval, so that the page can say when it is
 * unreachable and ack / clear can go straight to Kafka instead of waiting for a timeout. Logs each
 * change of state once.
 */
@ApplicationScoped
public class DetectorHealth {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorHealth.class);

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    public static final String UNREACHABLE = "UNREACHABLE";
    public static final String UNKNOWN = "UNKNOWN";

    private final DetectorClient client;
    private final DashboardConfig config;
    private volatile PlantStatistics.Health current;
    private ScheduledExecutorService timer;

    @Inject
    public DetectorHealth(final DetectorClient client, final DashboardConfig config) {
        this.client = client;
        this.config = config;
        this.current = new PlantStatistics.Health(UNKNOWN, "not checked yet", null, client.base().toString());
    }

    void start(@Observes final StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "detector-health");
            t.setDaemon(true);
            return t;
        });
        final long every = Math.max(100, config.detector().healthInterval().toMillis());
        timer.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes final ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public PlantStatistics.Health current() {
        return current;
    }

    /** Whether the last check got no answer at all. */
    public boolean unreachable() {
        return UNREACHABLE.equals(current.status());
    }

    /** Checks now and waits for the answer (bounded by the client's timeout). */
    public void check() {
        PlantStatistics.Health next;
        try {
            final int code = client.readiness().join();
            next = code == 200
                    ? new PlantStatistics.Health(UP, null, Instant.now(), client.base().toString())
                    : new PlantStatistics.Health(DOWN, "readiness answered " + code, Instant.now(),
                    client.base().toString());
        } catch (RuntimeException e) {
            next = new PlantStatistics.Health(UNREACHABLE, DetectorClient.describe(e), Instant.now(),
                    client.base().toString());
        }
        final PlantStatistics.Health previous = current;
        current = next;
        if (!next.status().equals(previous.status())) {
            if (UP.equals(next.status())) {
                LOG.info("Detector at {} is up", client.base());
            } else {
                LOG.warn("Detector at {} is {}: {}", client.base(), next.status(), next.detail());
            }
        }
    }
}
