package dev.pdm.iiot.dashboard.rest;

import dev.pdm.iiot.dashboard.history.HistoryUnavailableException;
import dev.pdm.iiot.dashboard.history.InvalidQueryException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * The answers of the history endpoints when they cannot answer: 400 with what is wrong with the
 * request, 503 with a {@code Retry-After} when the history database does not answer. Always JSON
 * {@code {"error": ...}}, also for a request that asked for CSV.
 */
public class HistoryErrors {

    /** Seconds a client should wait before asking again when the database is down. */
    static final int RETRY_AFTER_SECONDS = 30;

    @ServerExceptionMapper
    public Response invalid(final InvalidQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unavailable(final HistoryUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(Map.of("error", "history unavailable: " + e.getMessage()
                        + "; the live view works without it")).build();
    }
}
