package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.simulator.core.Durations;
import dev.pdm.iiot.simulator.physics.RandomStreams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Slow degradations drawn at random from the seed, one per chosen machine, each labelled
 * {@link FaultType#SLOW_DEGRADATION} and never ending (the machine is not repaired during the run).
 * <p>
 * {@code degradedAtStart} machines are already degraded when the run starts: their degradation has
 * reached {@code degradedLevel} at the first reading and is labelled from the start of the run. Another
 * {@code round(share · machines)} machines start degrading at a time drawn uniformly between
 * {@code earliest} and {@code latest} after the start, from nothing. Every chosen machine gets a mix
 * and a development time (the time from nothing to full strength) from {@code mixes} and
 * {@code developments}, spread evenly: the machines degrading during the run take the pairs of a
 * balanced sequence in which the first {@code mixes.size()} have different mixes and every mix meets every
 * development time before any pair repeats (pair k: mix k mod M, time (k mod M + k div M) mod T); the
 * machines degraded at start take the pairs after them. The order of the mixes and of the times in that
 * sequence is drawn from the seed. The other machines stay healthy.
 * <p>
 * Which machines: each machine draws a key and an onset from its own random stream; the machines with the
 * smallest keys are degraded at start, the next ones degrade later. A run with slow degradations leaves every
 * other random stream as it was.
 *
 * @param share           share of the machines, 0 to 1, that start degrading during the run
 * @param degradedAtStart how many machines are already degraded at the start
 * @param degradedLevel   how far those have developed at the start, in (0, 1)
 * @param developments    the development times drawn from
 * @param mixes           the mixes drawn from
 * @param earliest        the earliest onset of a degradation during the run
 * @param latest          the latest onset
 */
public record SlowFaults(double share, int degradedAtStart, double degradedLevel, List<Duration> developments,
                         List<DegradationMix> mixes, Duration earliest, Duration latest) {

    /** The development times drawn from by default: 6, 12, 24 and 48 hours. */
    public static final List<Duration> DEFAULT_DEVELOPMENTS =
            List.of(Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(24), Duration.ofHours(48));
    /** By default no degradation starts within the first 2 hours, so that a detector can learn the healthy machine. */
    public static final Duration DEFAULT_EARLIEST = Duration.ofHours(2);
    public static final Duration DEFAULT_LATEST = Duration.ofHours(24);
    public static final double DEFAULT_DEGRADED_LEVEL = 0.4;

    public static final SlowFaults NONE = new SlowFaults(0, 0, DEFAULT_DEGRADED_LEVEL, DEFAULT_DEVELOPMENTS,
            List.of(DegradationMix.values()), DEFAULT_EARLIEST, DEFAULT_LATEST);

    public SlowFaults {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("the share of machines with a slow degradation must lie in [0, 1], was " + share);
        }
        if (degradedAtStart < 0) {
            throw new IllegalArgumentException("the number of machines degraded at start must not be negative");
        }
        if (!(degradedLevel > 0 && degradedLevel < 1)) {
            throw new IllegalArgumentException("the level of the machines degraded at start must lie in (0, 1), was "
                    + degradedLevel);
        }
        developments = List.copyOf(developments);
        mixes = List.copyOf(mixes);
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        if (developments.isEmpty() || developments.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("slow degradations need at least one development time, each above 0, got "
                    + developments.stream().map(Durations::format).toList());
        }
        if (mixes.isEmpty()) {
            throw new IllegalArgumentException("slow degradations need at least one mix");
        }
        if (earliest.isNegative() || latest.compareTo(earliest) < 0) {
            throw new IllegalArgumentException("need 0 <= earliest onset <= latest onset, got "
                    + Durations.format(earliest) + " and " + Durations.format(latest));
        }
    }

    public boolean enabled() {
        return share > 0 || degradedAtStart > 0;
    }

    /** How many of {@code machines} start degrading during the run: {@code round(share · machines)}. */
    public int degradingLater(final int machines) {
        return (int) Math.round(share * machines);
    }

    /** Fails when the run has too few machines for what is asked. */
    public void validate(final int machines) {
        final int later = degradingLater(machines);
        if (degradedAtStart + later > machines) {
            throw new IllegalArgumentException(degradedAtStart + " machine(s) degraded at start and " + later
                    + " degrading later (a share of " + share + ") need " + (degradedAtStart + later)
                    + " machines; the run has " + machines);
        }
    }

    /**
     * The slow degradation of each chosen machine, by 0-based index, relative to the start of the run.
     *
     * @param seed       the run's seed
     * @param machineIds every machine of the run, in order
     */
    public Map<Integer, FaultSpec> draw(final long seed, final List<String> machineIds) {
        final int n = machineIds.size();
        validate(n);
        final Map<Integer, FaultSpec> out = new HashMap<>();
        if (!enabled()) {
            return out;
        }
        final double[] keys = new double[n];
        final double[] onsets = new double[n];
        for (int i = 0; i < n; i++) {
            final SplittableRandom random = RandomStreams.of(seed, i, RandomStreams.SLOW_FAULTS);
            keys[i] = random.nextDouble();
            onsets[i] = random.nextDouble();
        }
        final int[] ranked = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> keys[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        final SplittableRandom plant = RandomStreams.of(seed, -1, RandomStreams.SLOW_FAULTS);
        final List<DegradationMix> mixOrder = shuffled(mixes, plant);
        final List<Duration> timeOrder = shuffled(developments, plant);
        final int later = degradingLater(n);
        final long window = latest.minus(earliest).toSeconds();
        for (int rank = 0; rank < degradedAtStart + later; rank++) {
            final int i = ranked[rank];
            final boolean atStart = rank < degradedAtStart;
            // the machines degrading later take the first pairs of the sequence, those degraded at start the next
            final int k = atStart ? later + rank : rank - degradedAtStart;
            final int m = k % mixOrder.size();
            final DegradationMix mix = mixOrder.get(m);
            final Duration development = timeOrder.get((m + k / mixOrder.size()) % timeOrder.size());
            final Duration onset = atStart ? Duration.ZERO : earliest.plusSeconds(Math.round(onsets[i] * window));
            out.put(i, new FaultSpec(machineIds.get(i), FaultType.SLOW_DEGRADATION, onset, null, development, 1.0,
                    null, mix, atStart ? degradedLevel : 0.0));
        }
        return out;
    }

    private static <T> List<T> shuffled(final List<T> items, final SplittableRandom random) {
        final List<T> out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) {
            Collections.swap(out, i, random.nextInt(i + 1));
        }
        return out;
    }
}
