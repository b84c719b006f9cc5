package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.platform.cluster.PlatformCluster.Part;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One fault of a chaos run: parts killed with SIGKILL together, and restarted once the platform
 * scores readings again. {@code duringRebalance}: the parts are killed while the detectors'
 * group rebalances, right after a detector (re)joined it.
 *
 * @param kind            what the report groups the fault under, e.g. {@code kafka node}
 * @param parts           the parts killed at once
 * @param duringRebalance killed while the detectors rebalance
 */
public record Fault(String kind, List<Part> parts, boolean duringRebalance) {

    public Fault {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a fault kills at least one part");
        }
    }

    public static Fault of(final String kind, final Part... parts) {
        return new Fault(kind, List.of(parts), false);
    }

    /** {@code kafka-2 + detector-1}. */
    public String describe() {
        return parts.stream().map(Part::name).collect(Collectors.joining(" + "))
                + (duringRebalance ? " (during a rebalance)" : "");
    }
}
