package dev.pdm.iiot.dashboard.rest;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.dashboard.history.ChartRange;
import dev.pdm.iiot.dashboard.history.InvalidQueryException;
import dev.pdm.iiot.dashboard.history.MachineHistory;
import dev.pdm.iiot.dashboard.history.MachineHistoryQueries;
import dev.pdm.iiot.dashboard.history.Period;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.security.quarkus.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;

/**
 * A machine's history from the database for the charts of a range:
 * {@code GET /api/machines/{id}/history?from=&to=&step=} (viewers). The range chooses the
 * resolution ({@link ChartRange}); the answer names it and the table read. 400 for a bad machine
 * id, time, step or range, 503 when the database does not answer.
 */
@Path("/api/machines/{id}/history")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class MachineHistoryResource {

    /** The range without {@code from}: the last day. */
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);

    private final MachineHistoryQueries queries;
    private final DashboardConfig config;

    @Inject
    public MachineHistoryResource(final MachineHistoryQueries queries, final DashboardConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    public MachineHistory history(@PathParam("id") final String machineId, @QueryParam("from") final String from,
                                  @QueryParam("to") final String to, @QueryParam("step") final String step) {
        if (!MqttTopics.MACHINE_ID.matcher(machineId).matches()) {
            throw new InvalidQueryException("not a machine id: " + machineId);
        }
        final Instant now = Instant.now();
        final Period period = Period.parse(from, to, DEFAULT_RANGE, config.history().maxRange(), now);
        return queries.points(machineId, ChartRange.choose(period, step, config.history(), now));
    }
}
