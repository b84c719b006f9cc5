package dev.pdm.iiot.events.model;

/**
 * A machine's health as its alerts say it, which is what an engineer acts on; a single anomalous
 * reading is no fault.
 */
public enum Health {
    /** Still learning its normal: no model yet. */
    LEARNING,
    /** No open alert and nothing building towards one. */
    OK,
    /** No open alert, but something is building towards one: an anomalous reading, or a trend below the alert. */
    WATCH,
    /** At least one alert is open (its types are in {@code open_alerts}). */
    ALERT
}
