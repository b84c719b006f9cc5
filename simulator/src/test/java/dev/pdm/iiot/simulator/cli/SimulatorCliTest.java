package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.mqtt.TlsSettings;
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
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
    void thePasswordComesFromAFileOrTheEnvironmentNeverFromAFlag(@TempDir final Path dir) throws IOException {
        final Path secret = dir.resolve("mqtt-password");
        Files.writeString(secret, "from-the-file\n");

        assertThat(execute("run", "--dry-run", "--password", "visible-in-ps").exitCode()).isEqualTo(2);
        assertThat(mqttOf("run", "--username", "simulator", "--password-file", secret.toString())
                .settings(1, MqttSettings.Transport.PAHO))
                .satisfies(s -> assertThat(s.username()).isEqualTo("simulator"))
                .satisfies(s -> assertThat(s.password()).isEqualTo("from-the-file"))
                .satisfies(s -> assertThat(s.toString()).doesNotContain("from-the-file"));
        final MqttOptions fromEnvironment = mqttOf("run", "--username", "simulator");
        fromEnvironment.environment = Map.of("PDM_MQTT_PASSWORD", "from-the-environment");
        assertThat(fromEnvironment.settings(1, MqttSettings.Transport.NIO).password()).isEqualTo("from-the-environment");
        assertThat(execute("run", "--help").out()).contains("--password-file", "PDM_MQTT_PASSWORD", "--ca-file",
                "--truststore");
    }

    @Test
    void sslTrustsACaFileOrATrustStore(@TempDir final Path dir) {
        final Path ca = dir.resolve("ca.pem");

        assertThat(mqttOf("run", "--mqtt-uri", "ssl://broker:8883", "--ca-file", ca.toString())
                .settings(1, MqttSettings.Transport.PAHO).tls()).isEqualTo(TlsSettings.caFile(ca));
        final MqttOptions truststore = mqttOf("run", "--mqtt-uri", "ssl://broker:8883", "--truststore", "ts.p12");
        truststore.environment = Map.of("PDM_MQTT_TRUSTSTORE_PASSWORD", "changeit");
        assertThat(truststore.settings(1, MqttSettings.Transport.PAHO).tls())
                .isEqualTo(TlsSettings.truststore(Path.of("ts.p12"), "changeit"));
        assertThat(execute("run", "--mqtt-uri", "tcp://broker:1883", "--ca-file", ca.toString(), "--duration", "1s")
                .err()).contains("ssl://");
        assertThat(execute("run", "--mqtt-uri", "ssl://broker:8883", "--ca-file", ca.toString(), "--truststore", "t",
                "--duration", "1s").err()).contains("not both");
    }

    @Test
    void severalBrokersAreOneUriListThePrimaryFirst() {
        final MqttSettings settings = mqttOf("run", "--mqtt-uri", "tcp://node1:1883, tcp://node2:1883")
                .settings(4, MqttSettings.Transport.NIO);
        assertThat(settings.serverUri()).isEqualTo("tcp://node1:1883");
        assertThat(settings.serverUris()).containsExactly("tcp://node1:1883", "tcp://node2:1883");
        assertThat(mqttOf("run", "--broker", "tcp://a:1883,tcp://b:1883").settings(1, MqttSettings.Transport.PAHO)
                .failoverUris()).containsExactly("tcp://b:1883");
        assertThat(mqttOf("run").settings(1, MqttSettings.Transport.PAHO).serverUris())
                .containsExactly(MqttSettings.DEFAULT_URI);
        assertThat(execute("run", "--mqtt-uri", "tcp://a:1883,,tcp://b:1883", "--duration", "1s").err())
                .contains("empty broker URI");
        assertThat(execute("run", "--mqtt-uri", "tcp://a:1883,tcp://a:1883", "--duration", "1s").err())
                .contains("twice");
        assertThat(execute("run", "--help").out()).contains("--broker, --mqtt-uri", "failover");
    }

    private static MqttOptions mqttOf(final String... args) {
        final CommandLine cli = SimulatorMain.commandLine();
        cli.parseArgs(args);
        final RunCommand run = cli.getSubcommands().get("run").getCommand();
        run.mqtt.environment = Map.of();
        return run.mqtt;
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
    void generateStaysByteForByteWhatItWasWithoutSlowDegradations(@TempDir final Path dir) throws Exception {
        final Path readings = dir.resolve("readings.jsonl");
        final Path labels = dir.resolve("labels.jsonl");

        final Result result = execute("generate", "--duration", "3h", "-n", "4", "--seed", "99",
                "--start", "2025-11-21T00:00:00Z", "--random-faults", "2", "--degrading", "2",
                "--fault", "machine=MACHINE_002,type=BEARING_WEAR,start=5m,duration=30m",
                "--fault", "machine=1,type=STUCK_SENSOR,start=1h,sensor=rpm",
                "--fault-types", "OVERHEATING,DEGRADATION,SENSOR_DROPOUT", "--dropout-as", "nan",
                "--readings-out", readings.toString(), "--labels-out", labels.toString());

        // the files this run wrote before slow degradations existed
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(sha256(readings)).isEqualTo("6466fc3b347d4841a40ff309f92ef987d124302970c618e14b275307884ea43f");
        assertThat(sha256(labels)).isEqualTo("23a15c2559b406431e6391bdddde4343f5b01f47eabb3bd36dc168facb3a7ce3");
    }

    @Test
    void generateSchedulesASlowDegradationWithItsDetail(@TempDir final Path dir) throws IOException {
        final Path labels = dir.resolve("labels.jsonl");

        final Result result = execute("generate", "--duration", "1h", "--seed", "3", "--start", "2025-11-21T00:00:00Z",
                "--degrading", "0",
                "--fault", "machine=MACHINE_002,type=SLOW_DEGRADATION,start=0,development=12h,mix=cooling,from=0.4",
                "--fault", "machine=3,type=SLOW_DEGRADATION,start=10m,duration=30m,mix=BEARING",
                "--labels-out", labels.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readAllLines(labels)).containsExactly(
                "{\"machine_id\":\"MACHINE_003\",\"fault\":\"SLOW_DEGRADATION\",\"start\":\"2025-11-21T00:10:00Z\","
                        + "\"end\":\"2025-11-21T00:40:00Z\",\"detail\":\"mix=BEARING,development=30m\"}",
                "{\"machine_id\":\"MACHINE_002\",\"fault\":\"SLOW_DEGRADATION\",\"start\":\"2025-11-21T00:00:00Z\","
                        + "\"detail\":\"mix=COOLING,development=12h,from=0.4\"}");
    }

    @Test
    void generateDrawsSlowDegradationsFromTheSeedByteForByte(@TempDir final Path dir) throws IOException {
        final String[] common = {"generate", "--duration", "4h", "-n", "6", "-i", "30s", "--seed", "5",
                "--start", "2025-11-21T00:00:00Z", "--degrading", "0", "--slow-faults", "0.34", "--degraded-at-start", "1",
                "--slow-fault-earliest", "1h", "--slow-fault-latest", "3h", "--slow-fault-mixes", "bearing,IMPELLER",
                "--slow-fault-times", "6h,12h"};
        final Path readingsA = dir.resolve("ra.jsonl");
        final Path labelsA = dir.resolve("la.jsonl");
        final Path readingsB = dir.resolve("rb.jsonl");
        final Path labelsB = dir.resolve("lb.jsonl");

        final Result result = execute(concat(common, "--readings-out", readingsA.toString(), "--labels-out", labelsA.toString()));
        execute(concat(common, "--readings-out", readingsB.toString(), "--labels-out", labelsB.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readString(readingsA)).isEqualTo(Files.readString(readingsB)).isNotEmpty();
        assertThat(Files.readString(labelsA)).isEqualTo(Files.readString(labelsB));
        final List<String> lines = Files.readAllLines(labelsA);
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"fault\":\"SLOW_DEGRADATION\"")
                .doesNotContain("\"end\"").containsPattern("\"detail\":\"mix=(BEARING|IMPELLER),development=(6h|12h)"));
        assertThat(lines).filteredOn(l -> l.contains("\"start\":\"2025-11-21T00:00:00Z\"")).singleElement().asString()
                .endsWith(",from=0.4\"}");
        assertThat(lines).filteredOn(l -> !l.contains("from=")).hasSize(2)
                .allSatisfy(l -> assertThat(l).containsPattern("\"start\":\"2025-11-21T0[12]:"));
    }

    @Test
    void badSlowDegradationOptionsAreReportedNotThrown() {
        final Result tooMany = execute("generate", "--duration", "1m", "-n", "3", "--slow-faults", "0.7",
                "--degraded-at-start", "2");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("need 4 machines; the run has 3");

        final Result badMix = execute("generate", "--duration", "1m", "--slow-faults", "0.5", "--slow-fault-mixes", "GEARBOX");
        assertThat(badMix.exitCode()).isEqualTo(2);
        assertThat(badMix.err()).contains("unknown mix 'GEARBOX'");

        final Result badSpec = execute("generate", "--duration", "1m",
                "--fault", "machine=1,type=SLOW_DEGRADATION,start=1h,from=0.5");
        assertThat(badSpec.exitCode()).isEqualTo(2);
        assertThat(badSpec.err()).contains("it needs start=0");

        final Result badLevel = execute("generate", "--duration", "1m", "--degraded-at-start", "1", "--degraded-level", "1.2");
        assertThat(badLevel.exitCode()).isEqualTo(2);
        assertThat(badLevel.err()).contains("must lie in (0, 1)");
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

    private static String sha256(final Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String[] concat(final String[] a, final String... b) {
        final String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
