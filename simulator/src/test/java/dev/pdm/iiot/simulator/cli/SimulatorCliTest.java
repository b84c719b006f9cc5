package dev.pdm.iiot.simulator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class SimulatorCliTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result execute(final String... args) {
        final CommandLine cli = SimulatorMain.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        final int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpDocumentsEveryOptionOfEveryCommand() {
        final CommandLine cli = SimulatorMain.commandLine();

        for (final String command : List.of("run", "load", "replay", "generate")) {
            final CommandLine sub = cli.getSubcommands().get(command);
            final String help = sub.getUsageMessage();
            for (final OptionSpec option : sub.getCommandSpec().options()) {
                assertThat(option.description()).as(command + " " + option.longestName()).isNotEmpty();
                final String shown = option.negatable() ? option.longestName().replace("--", "--[no-]") : option.longestName();
                assertThat(help).as(command + " help").contains(shown);
            }
        }
    }

    @Test
    void helpNamesTheEnvironmentOverrides() {
        final String run = execute("run", "--help").out();

        assertThat(run).contains("SIM_MQTT_URI", "SIM_MACHINES", "SIM_INTERVAL", "SIM_SEED", "SIM_DURATION",
                "SIM_READINGS_OUT", "SIM_LABELS_OUT", "tcp://localhost:1883");
    }

    @Test
    void runDefaultsAreThePrototypes() {
        final CommandLine cli = SimulatorMain.commandLine();
        cli.parseArgs("run");
        final RunCommand run = cli.getSubcommands().get("run").getCommand();

        assertThat(run.machines).isEqualTo(System.getenv("SIM_MACHINES") == null ? 3 : run.machines);
        assertThat(run.interval).hasSeconds(System.getenv("SIM_INTERVAL") == null ? 3 : run.interval.getSeconds());
        assertThat(run.degrading).isEqualTo(1);
        assertThat(run.output.seq).isTrue();
        assertThat(run.mqtt.uri).isEqualTo(System.getenv("SIM_MQTT_URI") == null ? "tcp://localhost:1883" : run.mqtt.uri);
    }

    @Test
    void generateWritesReadingsAndLabelsWithoutABroker(@TempDir final Path dir) throws IOException {
        final Path readings = dir.resolve("readings.jsonl");
        final Path labels = dir.resolve("labels.jsonl");

        final Result result = execute("generate", "--duration", "1h", "--seed", "3", "--start", "2025-11-21T00:00:00Z",
                "--fault", "machine=MACHINE_001,type=OVERHEATING,start=10m,duration=20m",
                "--readings-out", readings.toString(), "--labels-out", labels.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readAllLines(readings)).hasSize(3 * 1200)
                .first().asString().startsWith("{\"machine_id\":\"MACHINE_001\",\"timestamp\":\"2025-11-21T00:00:00Z\",\"seq\":0,");
        assertThat(Files.readAllLines(labels)).containsExactly(
                "{\"machine_id\":\"MACHINE_001\",\"fault\":\"OVERHEATING\",\"start\":\"2025-11-21T00:10:00Z\",\"end\":\"2025-11-21T00:30:00Z\"}",
                "{\"machine_id\":\"MACHINE_003\",\"fault\":\"DEGRADATION\",\"start\":\"2025-11-21T00:10:00Z\"}");
    }

    @Test
    void generateIsReproducibleByteForByte(@TempDir final Path dir) throws IOException {
        final String[] common = {"generate", "--duration", "30m", "--seed", "99", "--start", "2025-11-21T00:00:00Z",
                "--random-faults", "3", "-n", "4"};
        final Path a = dir.resolve("a.jsonl");
        final Path b = dir.resolve("b.jsonl");

        execute(concat(common, "--readings-out", a.toString()));
        execute(concat(common, "--readings-out", b.toString()));

        assertThat(Files.readString(a)).isEqualTo(Files.readString(b)).isNotEmpty();
    }

    @Test
    void replayWritesTheFilesRowsAndTheirLabels(@TempDir final Path dir) throws Exception {
        final Path labels = dir.resolve("labels.jsonl");
        final Path readings = dir.resolve("readings.jsonl");
        final Path fixture = Path.of(SimulatorCliTest.class.getResource("/skab/valve/1.csv").toURI());

        final Result result = execute("replay", fixture.toString(), "--dry-run", "--fast", "--timestamps", "original",
                "--readings-out", readings.toString(), "--labels-out", labels.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readAllLines(readings)).hasSize(12);
        assertThat(Files.readAllLines(labels)).containsExactly(
                "{\"machine_id\":\"MACHINE_001\",\"fault\":\"ANOMALY\",\"start\":\"2020-03-09T10:14:37Z\",\"end\":\"2020-03-09T10:14:41Z\"}");
    }

    @Test
    void badInputIsReportedNotThrown() {
        assertThat(execute("generate", "--duration", "1m", "--fault", "machine=1,type=MELTDOWN,start=1m").exitCode())
                .isEqualTo(2);
        assertThat(execute("run", "--fast", "--dry-run").exitCode()).isEqualTo(2);
        assertThat(execute("generate", "--duration", "1m", "--fault", "machine=MACHINE_042,type=OVERHEATING,start=1m")
                .err()).contains("no machine 'MACHINE_042'");
    }

    @Test
    void anUnreachableBrokerIsReportedAfterTheConnectTimeout() throws IOException {
        final int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        final Result result = execute("run", "--mqtt-uri", "tcp://127.0.0.1:" + port, "--connect-timeout", "1s",
                "--duration", "1s");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("cannot reach the MQTT broker");
    }

    private static String[] concat(final String[] a, final String... b) {
        final String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
