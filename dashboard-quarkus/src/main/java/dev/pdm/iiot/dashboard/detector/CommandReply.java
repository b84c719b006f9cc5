package dev.pdm.iiot.dashboard.detector;

import dev.pdm.iiot.events.model.AlertCommand;

/**
 * The detector's answer to an ack or clear.
 *
 * @param outcome what it said
 * @param command the command it wrote to {@code alert-commands}, when accepted
 * @param detail  its words, or why it could not be asked
 */
public record CommandReply(Outcome outcome, AlertCommand command, String detail) {

    public enum Outcome {
        /** 202: the command is on {@code alert-commands}. */
        ACCEPTED,
        /** 404: no such alert. */
        NOT_FOUND,
        /** 409: the alert is already cleared. */
        CONFLICT,
        /** Another 4xx: the request itself was refused. */
        REJECTED,
        /** No answer (connection refused, timeout) or a 5xx: the detector could not take it. */
        UNAVAILABLE
    }
}
