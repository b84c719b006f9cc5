package dev.pdm.iiot.dashboard.kafka;

import dev.pdm.iiot.dashboard.stats.PlantStatistics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The readiness of the Kafka channels (the same checks as {@code /q/health/ready}), checked every
 * few seconds on its own thread so that the statistics never wait for a broker.
 */
@ApplicationScoped
public class KafkaHealth {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaHealth.class);

    private final HealthCenter health;
    private final String bootstrap;
    private volatile PlantStatistics.Health current;
    private ScheduledExecutorService timer;

    @Inject
    public KafkaHealth(final HealthCenter health,
                       @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") final String bootstrap) {
        this.health = health;
        this.bootstrap = bootstrap;
        this.current = new PlantStatistics.Health("UNKNOWN", "not checked yet", null, bootstrap);
    }

    void start(@Observes final StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "kafka-health");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 1, 5, TimeUnit.SECONDS);
    }

    void stop(@Observes final ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public PlantStatistics.Health current() {
        return current;
    }

    void check() {
        PlantStatistics.Health next;
        try {
            final HealthReport report = health.getReadiness();
            next = report.isOk()
                    ? new PlantStatistics.Health("UP", null, Instant.now(), bootstrap)
                    : new PlantStatistics.Health("DOWN", report.getChannels().stream()
                    .filter(c -> !c.isOk())
                    .map(c -> c.getChannel() + (c.getMessage() == null ? "" : ": " + c.getMessage()))
                    .collect(Collectors.joining("; ")), Instant.now(), bootstrap);
        } catch (RuntimeException e) {
            next = new PlantStatistics.Health("DOWN", e.toString(), Instant.now(), bootstrap);
        }
        if (!next.status().equals(current.status())) {
            if ("UP".equals(next.status())) {
                LOG.info("Kafka channels ready on {}", bootstrap);
            } else {
                LOG.warn("Kafka channels not ready on {}: {}", bootstrap, next.detail());
            }
        }
        current = next;
    }
}
