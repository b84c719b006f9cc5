package dev.pdm.iiot.dashboard.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.model.Alert;

import java.util.Objects;

/**
 * The latest state of one alert, from {@code machine-alerts}; its JSON adds the alert in words
 * ({@link AlertDigest}).
 *
 * @param v     version
 * @param alert the alert
 */
public record AlertEntry(
        @JsonProperty("v") long v,
        @JsonProperty("alert") Alert alert) implements ViewEntry {

    static final String PREFIX = "a:";

    public AlertEntry {
        Objects.requireNonNull(alert, "alert");
    }

    /** The alert in words, as the page shows it. */
    @JsonProperty("digest")
    public AlertDigest digest() {
        return AlertDigest.of(alert);
    }

    @Override
    @JsonIgnore
    public String key() {
        return PREFIX + alert.alertId();
    }
}
