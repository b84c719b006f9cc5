package dev.pdm.iiot.detector.watch;

import java.time.Instant;
import java.util.Objects;

/**
 * How a machine's levels compare with its group's, sent back to the machine's task on the
 * {@code machine-peer-verdicts} topic keyed by machine.
 *
 * @param machineId the machine
 * @param group     its group
 * @param at        the time of the machine's levels compared
 * @param peers     the other machines of the group compared with (fresh ones only)
 * @param levels    the machine's levels
 * @param median    the group's median level per feature
 * @param spread    the group's spread per feature: 1.4826 × the median absolute deviation, at least
 *                  {@code minSpread} of the median
 */
public record PeerComparison(String machineId, String group, Instant at, int peers, double[] levels, double[] median,
                             double[] spread) {

    public PeerComparison {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(at, "at");
    }

    /** The answer to a machine whose group has too few fresh members to compare it with. */
    public static PeerComparison alone(final PeerLevel level) {
        return new PeerComparison(level.machineId(), level.group(), level.at(), 0, level.levels(), new double[0],
                new double[0]);
    }

    /** The machine's distance from the group's median in feature k, in spreads. */
    public double z(final int k) {
        return (levels[k] - median[k]) / spread[k];
    }
}
