package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.FaultSpec;
import dev.pdm.iiot.simulator.faults.FaultType;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Which faults to inject. */
final class FaultOptions {

    @Option(names = "--fault", paramLabel = "SPEC", converter = Converters.FaultSpecConverter.class,
            description = {"Inject a fault episode (repeatable): machine=ID|NUMBER,type=TYPE,start=DURATION"
                    + "[,duration=DURATION][,development=DURATION][,severity=0..1][,sensor=NAME].",
                    "TYPE: BEARING_WEAR, OVERHEATING, PRESSURE_LEAK, ELECTRICAL_FAULT, RPM_INSTABILITY, STUCK_SENSOR, "
                            + "SENSOR_DROPOUT (these two need sensor=temperature|vibration|current|pressure|rpm), DEGRADATION.",
                    "Without duration it lasts until the stop; development (time to full severity) defaults to half the duration.",
                    "Example: --fault machine=MACHINE_002,type=BEARING_WEAR,start=10m,duration=30m"})
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

    @Option(names = "--degradation-onset", paramLabel = "DURATION", defaultValue = "10m", converter = Converters.DurationConverter.class,
            description = "When the degrading machines start degrading. Default: ${DEFAULT-VALUE}.")
    Duration degradationOnset;

    @Option(names = "--degradation-time", paramLabel = "DURATION", defaultValue = "2h", converter = Converters.DurationConverter.class,
            description = "How long they take to reach degradation_level 100. Default: ${DEFAULT-VALUE}.")
    Duration degradationTime;

    FaultPlan plan(final int degradingMachines) {
        final List<FaultType> types = randomTypes == null || randomTypes.isEmpty() ? FaultType.randomTypes() : randomTypes;
        return new FaultPlan(faults, new RandomFaults(randomRate, types, minDuration, maxDuration),
                new Degradation(degradingMachines, degradationOnset, degradationTime));
    }
}
