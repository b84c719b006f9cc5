package dev.pdm.iiot.dashboard.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.dashboard.detector.DetectorClient;
import dev.pdm.iiot.dashboard.detector.DetectorUnavailableException;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.security.quarkus.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A machine's recent scored readings for its charts, from the detector's recent-readings window:
 * {@code GET /api/machines/{id}/readings?last=N} (viewers). When the detector does not answer: 503 with
 * {@code {"error": ...}}, and the page says that its charts show live points only.
 */
@Path("/api/machines/{id}/readings")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class MachineReadingsResource {

    static final int MAX_LAST = 2_000;

    private final DetectorClient detector;
    private final DashboardConfig config;

    @Inject
    public MachineReadingsResource(final DetectorClient detector, final DashboardConfig config) {
        this.detector = detector;
        this.config = config;
    }

    @GET
    public CompletionStage<Response> readings(@PathParam("id") final String machineId,
                                              @QueryParam("last") final Integer last) {
        if (!MqttTopics.MACHINE_ID.matcher(machineId).matches()) {
            return CompletableFuture.completedFuture(Response.status(400)
                    .entity(new Problem("not a machine id: " + machineId)).build());
        }
        final int n = last == null ? config.detector().historyReadings() : Math.max(1, Math.min(MAX_LAST, last));
        return detector.readings(machineId, n)
                .thenApply(readings -> Response.ok(readings).build())
                .exceptionally(failure -> Response.status(503).entity(new Problem(message(failure))).build());
    }

    private static String message(final Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof DetectorUnavailableException ? t.getMessage() : "the detector failed: " + t;
    }

    /** An error answer. */
    public record Problem(@JsonProperty("error") String error) {
    }
}
