package dev.pdm.iiot.detector.watch;

import java.time.Instant;
import java.util.Objects;

/**
 * A machine's slow levels as it reports them to its group, on the {@code machine-peer-levels}
 * topic keyed by group.
 *
 * @param machineId the machine
 * @param group     its peer group
 * @param at        the timestamp of the reading the levels include last
 * @param levels    the levels of the detector's features, in feature order
 */
public record PeerLevel(String machineId, String group, Instant at, double[] levels) {

    public PeerLevel {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(levels, "levels");
    }
}
