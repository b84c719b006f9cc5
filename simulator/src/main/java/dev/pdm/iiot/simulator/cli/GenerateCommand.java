package dev.pdm.iiot.simulator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a labelled data set without a broker: the plant of 'run' in simulated time, as fast as "
                + "possible, for --duration. Same as 'run --dry-run --fast'. Add --mqtt to publish as well.",
                "Example: generate --duration 6h --random-faults 0.5 --seed 7 --start 2025-11-21T00:00:00Z "
                        + "--readings-out readings.jsonl --labels-out labels.jsonl"})
final class GenerateCommand extends PlantCommand {

    @Option(names = {"-n", "--machines"}, paramLabel = "N", defaultValue = "${env:SIM_MACHINES:-3}",
            description = "Number of machines. Env SIM_MACHINES. Default: ${DEFAULT-VALUE}.")
    int machines;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", defaultValue = "${env:SIM_INTERVAL:-3s}",
            converter = Converters.DurationConverter.class,
            description = "Time between two readings of one machine. Env SIM_INTERVAL. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = "--degrading", paramLabel = "N", defaultValue = "1",
            description = "How many of the last machines slowly degrade. Default: ${DEFAULT-VALUE}.")
    int degrading;

    @Option(names = "--mqtt", defaultValue = "false",
            description = "Publish to MQTT too (at the pace the broker takes them).")
    boolean publish;

    @Override
    public Integer call() throws Exception {
        mqtt.dryRun = !publish;
        return super.call();
    }

    @Override
    int machines() {
        return machines;
    }

    @Override
    Duration interval() {
        return interval;
    }

    @Override
    int degradingMachines() {
        return degrading;
    }

    @Override
    int clients() {
        return 1;
    }

    @Override
    boolean fast() {
        return true;
    }

    @Override
    Duration progressInterval() {
        return Duration.ZERO;
    }

    @Override
    Duration warmup() {
        return Duration.ZERO;
    }
}
