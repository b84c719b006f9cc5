package dev.pdm.iiot.dashboard.history;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/reports/fleet}: per machine with an alert in the period, its alerts and time in
 * alert, the machine longest in alert first.
 *
 * @param from     start of the period
 * @param to       end of the period (now, when the request asked for a later end)
 * @param machines the machines, top offenders first
 */
public record FleetReport(
        @JsonProperty("from") Instant from,
        @JsonProperty("to") Instant to,
        @JsonProperty("machines") List<Machine> machines) {

    /**
     * One machine.
     *
     * @param machineId          the machine
     * @param alerts             alerts open during some of the period
     * @param critical           of them, those that reached CRITICAL
     * @param openAtEnd          of them, those still open at the period's end
     * @param types              their types
     * @param timeInAlertSeconds how long at least one of its alerts was open within the period
     *                           (overlapping alerts counted once; an open alert until the period's end)
     * @param shareInAlert       that time as a share of the period, 0 to 1
     * @param lastRaisedAt       when the latest of them was raised
     */
    public record Machine(
            @JsonProperty("machine_id") String machineId,
            @JsonProperty("alerts") long alerts,
            @JsonProperty("critical") long critical,
            @JsonProperty("open_at_end") long openAtEnd,
            @JsonProperty("types") List<String> types,
            @JsonProperty("time_in_alert_seconds") long timeInAlertSeconds,
            @JsonProperty("share_in_alert") double shareInAlert,
            @JsonProperty("last_raised_at") Instant lastRaisedAt) {
    }
}
