package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.replay.SkabFile;
import dev.pdm.iiot.simulator.replay.SkabFiles;
import dev.pdm.iiot.simulator.replay.SkabReplay;
import dev.pdm.iiot.simulator.replay.TimestampMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay recorded data in the SKAB format (';'-separated, a datetime column, sensor columns, optional "
                + "anomaly/changepoint labels): each file is one machine (MACHINE_001 for the first file, ...), all files at "
                + "once, row by row at the recorded pace divided by --speed.",
                "Sensor names become snake_case (Accelerometer1RMS -> accelerometer1_rms). Each contiguous block of anomaly=1 "
                        + "rows becomes one ANOMALY label in --labels-out."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "CSV files, or folders searched for *.csv (natural order).")
    List<Path> paths = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Mixin
    MqttOptions mqtt;

    @Mixin
    OutputOptions output;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "${env:SIM_SPEED:-1}",
            description = "1 replays at the recorded pace, 10 ten times faster. Env SIM_SPEED. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--fast", defaultValue = "false", description = "Do not wait at all: replay as fast as the broker takes it.")
    boolean fast;

    @Option(names = "--timestamps", paramLabel = "SHIFTED|ORIGINAL", defaultValue = "SHIFTED",
            description = "SHIFTED: the replay's start plus each row's offset divided by --speed; ORIGINAL: the file's "
                    + "datetime as recorded (read as UTC). Default: ${DEFAULT-VALUE}.")
    TimestampMode timestamps;

    @Option(names = "--first-machine", paramLabel = "N", defaultValue = "1",
            description = "Number of the first file's machine (MACHINE_00N). Default: ${DEFAULT-VALUE}.")
    int firstMachine;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Stop after this much replay time. Default: until every file has been replayed.")
    Duration duration;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "${env:SIM_CLIENTS:-1}",
            description = "MQTT connections the machines are spread over. Env SIM_CLIENTS. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = "--progress", paramLabel = "DURATION", defaultValue = "1m", converter = Converters.DurationConverter.class,
            description = "Interval of the progress line; 0 for none. Default: ${DEFAULT-VALUE}.")
    Duration progress;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final List<SkabFile> files = SkabFiles.load(paths);
        final List<String> machineIds = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            machineIds.add(MachineIds.of(firstMachine + i));
            out.printf("%s <- %s (%d rows%s)%n", machineIds.get(i), files.get(i).path(), files.get(i).rows().size(),
                    files.get(i).labelled() ? ", " + files.get(i).anomalyBlocks().size() + " anomaly block(s)" : ", no labels");
        }
        final SkabReplay replay = new SkabReplay(files, machineIds, speed, timestamps, output.format(), output.labels());
        return new SimulationRunner(out).run(replay, !fast, duration, null, mqtt.settings(clients, MqttSettings.Transport.PAHO),
                output.sinks(out), progress, Duration.ZERO);
    }
}
