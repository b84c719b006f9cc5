package dev.pdm.iiot.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/** The training distribution of one feature: its mean and standard deviation. */
public record FeatureStats(
        @JsonProperty("name") String name,
        @JsonProperty("mean") double mean,
        @JsonProperty("std") double std) {

    public FeatureStats {
        Objects.requireNonNull(name, "name");
    }
}
