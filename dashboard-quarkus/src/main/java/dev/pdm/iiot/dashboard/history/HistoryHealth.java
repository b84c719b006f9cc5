package dev.pdm.iiot.dashboard.history;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the history database answers, at {@code /q/health/well} on the management port. Not a
 * readiness check on purpose: the live view, the alert feed and ack / clear work without the
 * database, so an instance stays in its load balancer while only the history answers 503.
 */
@Wellness
@ApplicationScoped
public class HistoryHealth implements HealthCheck {

    private final HistoryDatabase database;
    private final String url;

    @Inject
    public HistoryHealth(final HistoryDatabase database,
                         @ConfigProperty(name = "quarkus.datasource.jdbc.url") final String url) {
        this.database = database;
        this.url = url;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("history database")
                .status(database.answers())
                .withData("url", url)
                .build();
    }
}
