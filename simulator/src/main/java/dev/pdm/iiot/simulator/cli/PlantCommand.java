package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.core.Durations;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.TelemetryGenerator;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.physics.RandomStreams;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** What {@code run}, {@code load} and {@code generate} share: a simulated plant and its faults. */
abstract class PlantCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MqttOptions mqtt;

    @Mixin
    OutputOptions output;

    @Mixin
    FaultOptions faults;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:SIM_SEED}",
            description = "Seed of every random stream: the same seed gives the same values (and, with --fast and --start, "
                    + "the same output byte for byte). Env SIM_SEED. Default: random, printed at start.")
    Long seed;

    @Option(names = "--start", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            description = "Timestamp of the first reading, e.g. 2025-11-21T08:00:00Z. Default: now.")
    Instant start;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "${env:SIM_DURATION}", converter = Converters.DurationConverter.class,
            description = "How much (simulated) time to run, e.g. 30m. Env SIM_DURATION. Default: until Ctrl-C (required with --fast).")
    Duration duration;

    abstract int machines();

    abstract Duration interval();

    abstract int degradingMachines();

    abstract int clients();

    abstract boolean fast();

    abstract Duration progressInterval();

    abstract Duration warmup();

    /** The MQTT client when {@code --transport} does not say: Paho, as the prototype's devices. */
    MqttSettings.Transport defaultTransport() {
        return MqttSettings.Transport.PAHO;
    }

    @Override
    public Integer call() throws Exception {
        if (fast() && duration == null) {
            throw new IllegalArgumentException("--fast needs --duration: how much simulated time to generate");
        }
        if (machines() < 1) {
            throw new IllegalArgumentException("--machines must be at least 1");
        }
        final long actualSeed = seed != null ? seed : RandomStreams.randomSeed();
        final PlantConfig plant = new PlantConfig(MachineIds.first(machines()), interval(), actualSeed,
                faults.plan(Math.min(degradingMachines(), machines())), output.format());
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("%d machines every %s, seed %d%s%n", machines(), Durations.format(interval()), actualSeed,
                mqtt.dryRun ? " (dry run, no MQTT)" : " -> " + mqtt.uri);
        final TelemetryGenerator generator = new TelemetryGenerator(plant, output.labels());
        return new SimulationRunner(out).run(generator, !fast(), duration, start, mqtt.settings(clients(), defaultTransport()),
                output.sinks(out), progressInterval(), warmup());
    }
}
