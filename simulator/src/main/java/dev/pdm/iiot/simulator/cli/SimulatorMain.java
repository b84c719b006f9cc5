package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.faults.FaultType;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar iiot-pdm-simulator-<version>-all.jar run|load|replay|generate ...}. */
@Command(name = "iiot-simulator", mixinStandardHelpOptions = true, versionProvider = SimulatorMain.Version.class,
        subcommands = {RunCommand.class, LoadCommand.class, ReplayCommand.class, GenerateCommand.class,
                CommandLine.HelpCommand.class},
        description = {"Simulated machines publishing sensor readings over MQTT (factory/machines/{machineId}/sensors, QoS 1, "
                + "the prototype's JSON), with physics, labelled fault episodes, SKAB replay and a load mode.",
                "Every option has a default; the environment variables named in each command's help override them."})
public final class SimulatorMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and embedding. */
    public static CommandLine commandLine() {
        final CommandLine cli = new CommandLine(new SimulatorMain());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(FaultType.class, s -> FaultType.valueOf(s.trim().toUpperCase().replace('-', '_')));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
                return 2;
            }
            if (e instanceof MqttException) {
                cmd.getErr().println(cmd.getColorScheme().errorText("error: cannot reach the MQTT broker: " + e.getMessage()));
                return 3;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String v = SimulatorMain.class.getPackage().getImplementationVersion();
            return new String[] {"iiot-simulator " + (v == null ? "(development build)" : v)};
        }
    }
}
