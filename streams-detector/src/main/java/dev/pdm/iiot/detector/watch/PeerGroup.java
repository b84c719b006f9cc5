package dev.pdm.iiot.detector.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The statistics of one peer group: per feature the median of its members' latest levels and their
 * spread (the median absolute deviation, scaled to a standard deviation, floored at
 * {@code minSpread} of the median). Median and MAD because a group may hold a faulty member or two:
 * neither moves far for them. Members whose levels are older than {@code staleAfter} (stopped or
 * moved away) are left out. Pure: the topology keeps the members in a store, {@code evaluate} in a
 * map.
 */
public final class PeerGroup {

    private final WatchSettings.Peers settings;

    public PeerGroup(final WatchSettings.Peers settings) {
        this.settings = settings;
    }

    /** The group's current statistics, or null when too few fresh members. */
    public record Stats(Instant at, int members, double[] median, double[] spread) {
    }

    /** The statistics of the members that are fresh at {@code now}. */
    public Stats stats(final Collection<PeerLevel> members, final Instant now) {
        final List<double[]> fresh = new ArrayList<>();
        for (final PeerLevel m : members) {
            if (Duration.between(m.at(), now).compareTo(settings.staleAfter()) <= 0) {
                fresh.add(m.levels());
            }
        }
        if (fresh.size() < settings.minPeers() + 1) {
            return null;
        }
        final int d = fresh.get(0).length;
        final double[] median = new double[d];
        final double[] spread = new double[d];
        final double[] column = new double[fresh.size()];
        for (int k = 0; k < d; k++) {
            int n = 0;
            for (final double[] l : fresh) {
                if (l.length == d) {
                    column[n++] = l[k];
                }
            }
            final double[] values = Arrays.copyOf(column, n);
            median[k] = median(values);
            for (int i = 0; i < n; i++) {
                values[i] = Math.abs(values[i] - median[k]);
            }
            spread[k] = Math.max(1.4826 * median(values), Math.max(settings.minSpread() * Math.abs(median[k]), 1e-9));
        }
        return new Stats(now, fresh.size(), median, spread);
    }

    /** How one member compares with the group's statistics. */
    public static PeerComparison compare(final PeerLevel member, final Stats stats) {
        return new PeerComparison(member.machineId(), member.group(), member.at(), stats.members() - 1,
                member.levels(), stats.median(), stats.spread());
    }

    private static double median(final double[] values) {
        Arrays.sort(values);
        final int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
