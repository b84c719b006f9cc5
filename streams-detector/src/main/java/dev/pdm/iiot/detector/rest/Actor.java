package dev.pdm.iiot.detector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The optional body of a command: who gives it. */
public record Actor(@JsonProperty("by") String by) {

    static String of(final Actor actor) {
        return actor == null || actor.by() == null || actor.by().isBlank() ? "anonymous" : actor.by();
    }
}
