package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.events.model.Sensors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Which faults a run injects: episodes scheduled by hand, random episodes, the prototype's
 * degrading machines and random slow degradations. {@link #forMachine} turns it into the episodes
 * of one machine.
 *
 * @param scheduled   episodes asked for explicitly
 * @param random      episodes drawn at random
 * @param degradation the slowly degrading machines
 * @param slow        slow degradations drawn at random for some of the machines
 */
public record FaultPlan(List<FaultSpec> scheduled, RandomFaults random, Degradation degradation, SlowFaults slow) {

    public static final FaultPlan NONE = new FaultPlan(List.of(), RandomFaults.NONE, Degradation.NONE);

    public FaultPlan {
        scheduled = List.copyOf(scheduled);
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(degradation, "degradation");
        Objects.requireNonNull(slow, "slow");
    }

    /** A plan without random slow degradations. */
    public FaultPlan(final List<FaultSpec> scheduled, final RandomFaults random, final Degradation degradation) {
        this(scheduled, random, degradation, SlowFaults.NONE);
    }

    /**
     * Fails when a scheduled episode names a machine the run does not have, or when the run has too few
     * machines for the slow degradations asked for.
     */
    public void validate(final List<String> machineIds) {
        for (final FaultSpec spec : scheduled) {
            indexOf(spec.machine(), machineIds);
        }
        slow.validate(machineIds.size());
    }

    /**
     * The episodes of one machine, without the random slow degradations (those are drawn for the whole plant:
     * {@link SlowFaults#draw}).
     *
     * @param index      the machine's 0-based index
     * @param machineIds every machine of the run, in order
     * @param runStart   the first instant of the run
     * @param random     the machine's fault-plan random stream
     */
    public MachineFaultPlan forMachine(final int index, final List<String> machineIds, final Instant runStart,
                                       final SplittableRandom random) {
        return forMachine(index, machineIds, runStart, random, null);
    }

    /**
     * The episodes of one machine.
     *
     * @param index      the machine's 0-based index
     * @param machineIds every machine of the run, in order
     * @param runStart   the first instant of the run
     * @param random     the machine's fault-plan random stream
     * @param drawnSlow  the machine's random slow degradation ({@link SlowFaults#draw}), or null
     */
    public MachineFaultPlan forMachine(final int index, final List<String> machineIds, final Instant runStart,
                                       final SplittableRandom random, final FaultSpec drawnSlow) {
        final String machineId = machineIds.get(index);
        final List<FaultEpisode> fixed = new ArrayList<>();
        for (final FaultSpec spec : scheduled) {
            if (names(spec.machine(), index, machineIds)) {
                fixed.add(episodeOf(spec, machineId, runStart));
            }
        }
        if (drawnSlow != null) {
            fixed.add(episodeOf(drawnSlow, machineId, runStart));
        }
        if (degradation.appliesTo(index, machineIds.size())) {
            fixed.add(new FaultEpisode(machineId, FaultType.DEGRADATION, runStart.plus(degradation.onset()), null,
                    degradation.development(), 1.0, null));
        }
        fixed.sort(Comparator.comparing(FaultEpisode::start));
        return new MachineFaultPlan(machineId, fixed, this.random, runStart, random);
    }

    private static FaultEpisode episodeOf(final FaultSpec spec, final String machineId, final Instant runStart) {
        final Instant start = runStart.plus(spec.start());
        return new FaultEpisode(machineId, spec.type(), start,
                spec.duration() == null ? null : start.plus(spec.duration()),
                spec.effectiveDevelopment(), spec.severity(), spec.sensor(), spec.mix(), spec.initialLevel());
    }

    /**
     * Whether {@code machine} (an id or a 1-based number, as {@link #indexOf} reads it) names the machine at
     * {@code index}. Constant time unless it is that machine's number: drawing a plant's plans costs its machines
     * times its scheduled faults, not that times its machines again.
     */
    static boolean names(final String machine, final int index, final List<String> machineIds) {
        if (machine.equals(machineIds.get(index))) {
            return true;
        }
        return machine.equals(Integer.toString(index + 1)) && !machineIds.contains(machine);
    }

    static int indexOf(final String machine, final List<String> machineIds) {
        final int byId = machineIds.indexOf(machine);
        if (byId >= 0) {
            return byId;
        }
        try {
            final int number = Integer.parseInt(machine);
            if (number >= 1 && number <= machineIds.size()) {
                return number - 1;
            }
        } catch (NumberFormatException e) {
            // not a number either
        }
        throw new IllegalArgumentException("no machine '" + machine + "' in this run of " + machineIds.size()
                + " machines (give an id such as " + machineIds.get(0) + " or a number from 1 to " + machineIds.size() + ")");
    }

    /** A random sensor for a random sensor fault. */
    static String randomSensor(final SplittableRandom random) {
        return Sensors.PHYSICAL.get(random.nextInt(Sensors.PHYSICAL.size()));
    }
}
