package dev.pdm.iiot.simulator.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The episodes of one machine in order of their start: the fixed ones, merged with random ones
 * drawn lazily as simulated time passes (so a run of any length needs no plan made in advance).
 * Not thread-safe.
 */
public final class MachineFaultPlan {

    private static final double NANOS_PER_HOUR = 3600e9;

    private final String machineId;
    private final Deque<FaultEpisode> fixed;
    private final RandomFaults randomFaults;
    private final SplittableRandom random;
    private FaultEpisode nextRandom;

    MachineFaultPlan(final String machineId, final List<FaultEpisode> fixed, final RandomFaults randomFaults,
                     final Instant runStart, final SplittableRandom random) {
        this.machineId = machineId;
        this.fixed = new ArrayDeque<>(fixed);
        this.randomFaults = randomFaults;
        this.random = random;
        this.nextRandom = randomFaults.enabled() ? drawAfter(runStart) : null;
    }

    /** Removes and returns the episodes that start at or before the instant, earliest first. */
    public List<FaultEpisode> startingUpTo(final Instant t) {
        List<FaultEpisode> due = List.of();
        while (true) {
            final FaultEpisode f = fixed.peekFirst();
            final FaultEpisode r = nextRandom;
            final boolean fixedDue = f != null && !f.start().isAfter(t);
            final boolean randomDue = r != null && !r.start().isAfter(t);
            if (!fixedDue && !randomDue) {
                return due;
            }
            if (due.isEmpty()) {
                due = new ArrayList<>(2);
            }
            if (fixedDue && (!randomDue || !r.start().isBefore(f.start()))) {
                due.add(fixed.removeFirst());
            } else {
                due.add(r);
                nextRandom = drawAfter(r.end());
            }
        }
    }

    private FaultEpisode drawAfter(final Instant after) {
        final double gapHours = -Math.log(1.0 - random.nextDouble()) / randomFaults.perMachineHour();
        final Instant exact = after.plusNanos((long) Math.min(gapHours * NANOS_PER_HOUR, Long.MAX_VALUE / 4.0));
        // whole seconds, never before the previous episode's end
        final Instant truncated = exact.truncatedTo(ChronoUnit.SECONDS);
        final Instant start = truncated.isBefore(exact) ? truncated.plusSeconds(1) : truncated;
        final FaultType type = randomFaults.types().get(random.nextInt(randomFaults.types().size()));
        final long min = randomFaults.minDuration().toSeconds();
        final long max = randomFaults.maxDuration().toSeconds();
        final Duration duration = Duration.ofSeconds(Math.max(1, min + Math.round(random.nextDouble() * (max - min))));
        final double severity = 0.6 + 0.4 * random.nextDouble();
        final String sensor = FaultPlan.randomSensor(random);
        final Duration development = type == FaultType.STUCK_SENSOR ? Duration.ZERO : duration.dividedBy(2);
        return new FaultEpisode(machineId, type, start, start.plus(duration), development, severity,
                type.isSensorFault() ? sensor : null);
    }
}
