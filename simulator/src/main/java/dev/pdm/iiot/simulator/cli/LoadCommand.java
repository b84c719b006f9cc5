package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load the platform: many machines (default 10,000 at 1 Hz) from one process, spread over many MQTT "
                + "clients (one per 50 readings/s unless --clients says otherwise) and paced by one scheduler thread. Prints the rate achieved, acknowledgements, in-flight messages, "
                + "failures, lag behind schedule and publish -> PUBACK latency every --progress, and a summary of the window "
                + "after --warmup at the end.",
                "No machine degrades unless --degrading or faults are asked for."})
final class LoadCommand extends PlantCommand {

    @Option(names = {"-n", "--machines"}, paramLabel = "N", defaultValue = "${env:SIM_MACHINES:-10000}",
            description = "Number of machines. Env SIM_MACHINES. Default: ${DEFAULT-VALUE}.")
    int machines;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", defaultValue = "${env:SIM_INTERVAL:-1s}",
            converter = Converters.DurationConverter.class,
            description = "Time between two readings of one machine. Env SIM_INTERVAL. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = "--degrading", paramLabel = "N", defaultValue = "0",
            description = "How many of the last machines slowly degrade. Default: ${DEFAULT-VALUE}.")
    int degrading;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "${env:SIM_CLIENTS}",
            description = "MQTT connections the machines are spread over. Env SIM_CLIENTS. Default: one per "
                    + MqttSettings.READINGS_PER_CLIENT + " readings/s (machines / interval), at least 1, at most "
                    + MqttSettings.MAX_DEFAULT_CLIENTS + ": 200 for 10,000 machines at 1s.")
    Integer clients;

    @Option(names = "--progress", paramLabel = "DURATION", defaultValue = "5s", converter = Converters.DurationConverter.class,
            description = "Interval of the progress line; 0 for none. Default: ${DEFAULT-VALUE}.")
    Duration progress;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.DurationConverter.class,
            description = "Time at the start left out of the summary. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

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

    /** Load is many connections at high rates: the lean publisher, unless {@code --transport} says otherwise. */
    @Override
    MqttSettings.Transport defaultTransport() {
        return MqttSettings.Transport.NIO;
    }

    @Override
    int clients() {
        return clients != null ? clients
                : MqttSettings.clientsFor(machines * 1e9 / Math.max(1, interval.toNanos()));
    }

    @Override
    boolean fast() {
        return false;
    }

    @Override
    Duration progressInterval() {
        return progress;
    }

    @Override
    Duration warmup() {
        return warmup;
    }
}
