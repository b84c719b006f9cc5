package dev.pdm.iiot.events;

import java.util.Map;
import java.util.Objects;

/** A topic the platform creates: its name, partition count and whether it is compacted. */
public record TopicSpec(String name, int partitions, boolean compacted) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
    }

    public static TopicSpec stream(final String name, final int partitions) {
        return new TopicSpec(name, partitions, false);
    }

    public static TopicSpec compacted(final String name, final int partitions) {
        return new TopicSpec(name, partitions, true);
    }

    /** Topic-level configuration to create it with. */
    public Map<String, String> configs() {
        return compacted ? Map.of("cleanup.policy", "compact") : Map.of();
    }
}
