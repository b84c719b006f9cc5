package dev.pdm.iiot.detector.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** 503 with Retry-After: the client retries; the server never spins waiting for a store. */
@Provider
public class UnavailableMapper implements ExceptionMapper<Unavailable> {

    static final String RETRY_AFTER_SECONDS = "1";

    @Override
    public Response toResponse(final Unavailable e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage()))
                .build();
    }
}
