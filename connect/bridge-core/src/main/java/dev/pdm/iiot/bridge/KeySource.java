package dev.pdm.iiot.bridge;

import java.util.Locale;

/** Where a record's key comes from. */
public enum KeySource {
    /** A level of the MQTT topic, e.g. {@code {machineId}} in {@code factory/machines/{machineId}/sensors}. */
    TOPIC,
    /** A top-level string field of the JSON payload, e.g. {@code machine_id}. */
    JSON,
    /** No key. */
    NONE;

    /** The lower-case name used in configuration files. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The key source a configuration value names.
     *
     * @throws IllegalArgumentException for anything but {@code topic}, {@code json} or {@code none}
     */
    public static KeySource fromConfig(final String value) {
        for (final KeySource source : values()) {
            if (source.configValue().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return source;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a key source: write topic, json or none");
    }
}
