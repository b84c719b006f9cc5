package dev.pdm.iiot.simulator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = false,
        description = {"Simulate a plant: N machines publishing every INTERVAL, the last ones slowly degrading (the prototype's "
                + "simulator by default: 3 machines every 3 s, MACHINE_003 degrading), plus any faults asked for.",
                "Ctrl-C stops it: buffered readings are sent and acknowledged, labels written, clients disconnected."})
final class RunCommand extends PlantCommand {

    @Option(names = {"-n", "--machines"}, paramLabel = "N", defaultValue = "${env:SIM_MACHINES:-3}",
            description = "Number of machines, MACHINE_001 ... Env SIM_MACHINES. Default: ${DEFAULT-VALUE}.")
    int machines;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", defaultValue = "${env:SIM_INTERVAL:-3s}",
            converter = Converters.DurationConverter.class,
            description = "Time between two readings of one machine. Env SIM_INTERVAL. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = "--degrading", paramLabel = "N", defaultValue = "1",
            description = "How many of the last machines slowly degrade (DEGRADATION label). Default: ${DEFAULT-VALUE}.")
    int degrading;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "${env:SIM_CLIENTS:-1}",
            description = "MQTT connections the machines are spread over. Env SIM_CLIENTS. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = "--fast", defaultValue = "false",
            description = "Simulated time: generate --duration worth of readings as fast as possible instead of waiting.")
    boolean fast;

    @Option(names = "--progress", paramLabel = "DURATION", defaultValue = "1m", converter = Converters.DurationConverter.class,
            description = "Interval of the progress line; 0 for none. Default: ${DEFAULT-VALUE}.")
    Duration progress;

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
        return clients;
    }

    @Override
    boolean fast() {
        return fast;
    }

    @Override
    Duration progressInterval() {
        return progress;
    }

    @Override
    Duration warmup() {
        return Duration.ZERO;
    }
}
