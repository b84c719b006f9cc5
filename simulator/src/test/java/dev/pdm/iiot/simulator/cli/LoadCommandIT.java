package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.testing.ReadingSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The command line against the real HiveMQ: {@code load} at a small scale and {@code run} with a fault. */
@Timeout(120)
@LocalStackTest(scope = LocalStackTest.Scope.RUN, connect = false)
class LoadCommandIT {

    private static String execute(final String... args) {
        final CommandLine cli = SimulatorMain.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int code = cli.execute(args);
        assertThat(code).as(out + "\n" + err).isZero();
        return out.toString();
    }

    @Test
    void loadPublishesEveryMachineAndSummarises(final BrokerStack stack) throws Exception {
        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(stack.mqttUri(), "it-load-sub", false)) {
            final String out = execute("load", "--mqtt-uri", stack.mqttUri(), "-n", "500", "-i", "500ms",
                    "--duration", "4s", "--warmup", "1s", "--progress", "1s", "--seed", "5");

            assertThat(out).contains("500 machines every 500ms, seed 5", "warm-up over", "failed 0")
                    .as("one client per 50 readings/s by default").contains("connecting 20 client(s)")
                    .containsPattern("published [\\d,]+, acknowledged [\\d,]+ \\([\\d,]+/s\\), refused 0 \\(sent again\\),"
                            + " rejected 0, failed 0")
                    .contains("publish -> PUBACK latency ms: p50");
            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received().size() >= 4000);
            assertThat(subscriber.received()).hasSize(4000);
            assertThat(subscriber.seqsOf(MachineIds.of(1))).hasSize(8);
            assertThat(subscriber.seqsOf(MachineIds.of(500))).hasSize(8);
        }
    }

    @Test
    void runWritesTheReadingsItPublishesAndTheLabels(final BrokerStack stack, @TempDir final Path dir) throws Exception {
        final Path readings = dir.resolve("readings.jsonl");
        final Path labels = dir.resolve("labels.jsonl");
        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(stack.mqttUri(), "it-run-sub", false)) {
            execute("run", "--mqtt-uri", stack.mqttUri(), "-i", "100ms", "--duration", "2s", "--degradation-onset", "1s",
                    "--fault", "machine=1,type=SENSOR_DROPOUT,start=500ms,duration=1s,development=0s,sensor=pressure",
                    "--readings-out", readings.toString(), "--labels-out", labels.toString());

            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received().size() >= 60);
            assertThat(subscriber.received().stream().map(r -> new String(r.payload())).toList())
                    .containsExactlyInAnyOrderElementsOf(Files.readAllLines(readings));
            assertThat(Files.readAllLines(labels)).hasSize(2)
                    .anySatisfy(l -> assertThat(l).contains("\"machine_id\":\"MACHINE_001\",\"fault\":\"SENSOR_DROPOUT\"")
                            .contains("\"end\":"))
                    .anySatisfy(l -> assertThat(l).contains("\"machine_id\":\"MACHINE_003\",\"fault\":\"DEGRADATION\"")
                            .doesNotContain("\"end\""));
        }
    }
}
