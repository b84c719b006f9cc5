package dev.pdm.iiot.dashboard.rest;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.dashboard.history.FleetReport;
import dev.pdm.iiot.dashboard.history.FleetReportQueries;
import dev.pdm.iiot.dashboard.history.InvalidQueryException;
import dev.pdm.iiot.dashboard.history.Period;
import dev.pdm.iiot.security.quarkus.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;

/**
 * The fleet report: {@code GET /api/reports/fleet?from=&to=&machine=&limit=} (viewers), per machine
 * its alerts and time in alert over the period (default: the last 7 days), top offenders first. A
 * period that ends in the future ends now: an open alert counts until then.
 */
@Path("/api/reports/fleet")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class FleetReportResource {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final FleetReportQueries queries;
    private final DashboardConfig config;

    @Inject
    public FleetReportResource(final FleetReportQueries queries, final DashboardConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    public FleetReport report(@QueryParam("from") final String from, @QueryParam("to") final String to,
                              @QueryParam("machine") final String machine, @QueryParam("limit") final Integer limit) {
        final Instant now = Instant.now();
        final Period asked = Period.parse(from, to, DEFAULT_PERIOD, config.history().maxRange(), now);
        if (!asked.from().isBefore(now)) {
            throw new InvalidQueryException("the period starts in the future: " + asked.from());
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new InvalidQueryException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
        final Period period = asked.to().isAfter(now) ? new Period(asked.from(), now) : asked;
        return queries.report(period, AlertHistoryResource.machine(machine), limit == null ? DEFAULT_LIMIT : limit);
    }
}
