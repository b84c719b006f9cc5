package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.DegradationMix;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.FaultSpec;
import dev.pdm.iiot.simulator.faults.FaultType;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import dev.pdm.iiot.simulator.faults.SlowFaults;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Which faults to inject. */
final class FaultOptions {

    @Option(names = "--fault", paramLabel = "SPEC", converter = Converters.FaultSpecConverter.class,
            description = {"Inject a fault episode (repeatable): machine=ID|NUMBER,type=TYPE,start=DURATION"
                    + "[,duration=DURATION][,development=DURATION][,severity=0..1][,sensor=NAME][,mix=MIX][,from=0..1].",
                    "TYPE: BEARING_WEAR, OVERHEATING, PRESSURE_LEAK, ELECTRICAL_FAULT, RPM_INSTABILITY, STUCK_SENSOR, "
                            + "SENSOR_DROPOUT (these two need sensor=temperature|vibration|current|pressure|rpm), DEGRADATION, "
                            + "SLOW_DEGRADATION.",
                    "Without duration it lasts until the stop; development (time to full severity) defaults to half the duration.",
                    "SLOW_DEGRADATION grows linearly over its development (default: its duration, or 24h without one) and "
                            + "takes mix=BEARING|COOLING|IMPELLER|PROTOTYPE (default PROTOTYPE) and from=LEVEL, the level "
                            + "reached before the run started (with start=0; default 0).",
                    "Example: --fault machine=MACHINE_002,type=BEARING_WEAR,start=10m,duration=30m",
                    "Example: --fault machine=MACHINE_002,type=SLOW_DEGRADATION,start=2h,development=24h,mix=BEARING"})
    List<FaultSpec> faults = new ArrayList<>();

    @Option(names = "--random-faults", paramLabel = "RATE", defaultValue = "${env:SIM_RANDOM_FAULTS:-0}",
            description = "Random fault episodes per machine and hour of simulated time (Poisson; one random episode at a "
                    + "time per machine). Env SIM_RANDOM_FAULTS. Default: ${DEFAULT-VALUE}.")
    double randomRate;

    @Option(names = "--fault-types", paramLabel = "TYPE", split = ",",
            description = "The types random faults are drawn from. Default: all but DEGRADATION.")
    List<FaultType> randomTypes;

    @Option(names = "--fault-min-duration", paramLabel = "DURATION", defaultValue = "10m", converter = Converters.DurationConverter.class,
            description = "Shortest random episode. Default: ${DEFAULT-VALUE}.")
    Duration minDuration;

    @Option(names = "--fault-max-duration", paramLabel = "DURATION", defaultValue = "40m", converter = Converters.DurationConverter.class,
            description = "Longest random episode. Default: ${DEFAULT-VALUE}.")
    Duration maxDuration;

    @Option(names = "--slow-faults", paramLabel = "SHARE", defaultValue = "${env:SIM_SLOW_FAULTS:-0}",
            description = "Share of the machines (0 to 1; round(SHARE x machines) of them, drawn from the seed) that start a "
                    + "SLOW_DEGRADATION during the run, between --slow-fault-earliest and --slow-fault-latest, with a mix "
                    + "and a development time drawn from --slow-fault-mixes and --slow-fault-times. It never ends. "
                    + "Env SIM_SLOW_FAULTS. Default: ${DEFAULT-VALUE}.")
    double slowShare;

    @Option(names = "--degraded-at-start", paramLabel = "N", defaultValue = "0",
            description = "How many machines, besides those of --slow-faults and drawn from the seed too, are already degraded at "
                    + "the start: a "
                    + "SLOW_DEGRADATION at --degraded-level from the first reading, labelled from the start of the run. "
                    + "Default: ${DEFAULT-VALUE}.")
    int degradedAtStart;

    @Option(names = "--degraded-level", paramLabel = "LEVEL", defaultValue = "0.4",
            description = "How far the degradation of the machines degraded at start has developed at the start, "
                    + "between 0 and 1. Default: ${DEFAULT-VALUE}.")
    double degradedLevel;

    @Option(names = "--slow-fault-times", paramLabel = "DURATION", split = ",", converter = Converters.DurationConverter.class,
            description = "The development times (from nothing to full strength) random slow degradations are drawn "
                    + "from, uniformly. Default: 6h,12h,24h,48h.")
    List<Duration> slowTimes;

    @Option(names = "--slow-fault-mixes", paramLabel = "MIX", split = ",", converter = Converters.MixConverter.class,
            description = "The mixes random slow degradations are drawn from, uniformly: BEARING, COOLING, IMPELLER, "
                    + "PROTOTYPE. Default: all four.")
    List<DegradationMix> slowMixes;

    @Option(names = "--slow-fault-earliest", paramLabel = "DURATION", defaultValue = "2h",
            converter = Converters.DurationConverter.class,
            description = "Earliest start of a random slow degradation after the start of the run (the machines "
                    + "degraded at start excepted). Default: ${DEFAULT-VALUE}.")
    Duration slowEarliest;

    @Option(names = "--slow-fault-latest", paramLabel = "DURATION", defaultValue = "24h",
            converter = Converters.DurationConverter.class,
            description = "Latest start of a random slow degradation. Default: ${DEFAULT-VALUE}.")
    Duration slowLatest;

    @Option(names = "--degradation-onset", paramLabel = "DURATION", defaultValue = "10m", converter = Converters.DurationConverter.class,
            description = "When the degrading machines start degrading. Default: ${DEFAULT-VALUE}.")
    Duration degradationOnset;

    @Option(names = "--degradation-time", paramLabel = "DURATION", defaultValue = "2h", converter = Converters.DurationConverter.class,
            description = "How long they take to reach degradation_level 100. Default: ${DEFAULT-VALUE}.")
    Duration degradationTime;

    FaultPlan plan(final int degradingMachines) {
        final List<FaultType> types = randomTypes == null || randomTypes.isEmpty() ? FaultType.randomTypes() : randomTypes;
        return new FaultPlan(faults, new RandomFaults(randomRate, types, minDuration, maxDuration),
                new Degradation(degradingMachines, degradationOnset, degradationTime), slowFaults());
    }

    SlowFaults slowFaults() {
        return new SlowFaults(slowShare, degradedAtStart, degradedLevel,
                slowTimes == null || slowTimes.isEmpty() ? SlowFaults.DEFAULT_DEVELOPMENTS : slowTimes,
                slowMixes == null || slowMixes.isEmpty() ? List.of(DegradationMix.values()) : slowMixes,
                slowEarliest, slowLatest);
    }
}
