package dev.pdm.iiot.simulator.physics;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from one seed. Each machine gets its own streams, keyed by
 * its index and a purpose, so that a machine's readings do not depend on how many machines run
 * beside it nor on which faults it suffers.
 */
public final class RandomStreams {

    /** Measurement noise and process variation of a machine. */
    public static final int PROCESS = 1;
    /** The draw of a machine's operating point. */
    public static final int OPERATING_POINT = 2;
    /** The random fault plan of a machine. */
    public static final int FAULT_PLAN = 3;
    /** Random effects of active faults (spikes, dropouts). */
    public static final int FAULT_EFFECTS = 4;
    /** The draw of a machine's random slow degradation (whether, which mix, how fast, when). */
    public static final int SLOW_FAULTS = 5;

    private RandomStreams() {
    }

    /** The stream of one purpose of one machine. */
    public static SplittableRandom of(final long seed, final int machineIndex, final int purpose) {
        return new SplittableRandom(mix(mix(seed) ^ mix(machineIndex * 0x9E3779B97F4A7C15L + purpose)));
    }

    /** A fresh random seed for a run that was given none. */
    public static long randomSeed() {
        return new SplittableRandom().nextLong() & Long.MAX_VALUE;
    }

    /** The SplitMix64 finaliser: spreads nearby inputs over the whole range. */
    static long mix(final long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A normally distributed number (Box–Muller; one of the pair is discarded to keep draws per call fixed). */
    public static double gaussian(final SplittableRandom random) {
        final double u1 = 1.0 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
