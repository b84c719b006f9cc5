package dev.pdm.iiot.dashboard.alerting;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.model.AlertCommand;

/**
 * What became of an engineer's ack or clear: the body of the REST answer.
 *
 * @param alertId the alert
 * @param action  ACK or CLEAR
 * @param result  ACCEPTED, NOT_FOUND, CONFLICT, BAD_REQUEST or NOT_RECORDED
 * @param via     {@code detector} (its REST validated and wrote it) or {@code kafka} (the dashboard
 *                wrote it to {@code alert-commands} itself), when accepted
 * @param command the command written, when known
 * @param detail  why, in words
 */
public record ActionOutcome(
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("action") AlertCommand.Action action,
        @JsonProperty("result") Result result,
        @JsonProperty("via") String via,
        @JsonProperty("command") AlertCommand command,
        @JsonProperty("detail") String detail) {

    public static final String VIA_DETECTOR = "detector";
    public static final String VIA_KAFKA = "kafka";

    public enum Result {
        ACCEPTED(202), NOT_FOUND(404), CONFLICT(409), BAD_REQUEST(400), NOT_RECORDED(503);

        private final int httpStatus;

        Result(final int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }
}
