package dev.pdm.iiot.detector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The optional body of a command: who gives it. */
public record Actor(@JsonProperty("by") String by) {

    static final String ANONYMOUS = "anonymous";

    /** Who, from a request body that may be empty, JSON with a {@code by}, or anything else. */
    static String of(final String body) {
        if (body == null || body.isBlank()) {
            return ANONYMOUS;
        }
        try {
            final Actor actor = dev.pdm.iiot.events.json.EventJson.fromJson(body, Actor.class);
            return actor.by() == null || actor.by().isBlank() ? ANONYMOUS : actor.by();
        } catch (RuntimeException e) {
            throw new jakarta.ws.rs.BadRequestException("the body must be empty or {\"by\": \"name\"}");
        }
    }
}
