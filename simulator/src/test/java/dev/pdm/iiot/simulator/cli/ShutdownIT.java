package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import dev.pdm.iiot.simulator.testing.ReadingSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command line in a process of its own, stopped by a signal as Ctrl-C would: what was
 * published is acknowledged, the labels are written, the summary printed, the process ends.
 */
@Timeout(120)
@LocalStackTest(scope = LocalStackTest.Scope.RUN, connect = false)
class ShutdownIT {

    private static final Pattern PUBLISHED = Pattern.compile("published ([\\d,]+), acknowledged ([\\d,]+) .*failed (\\d+)");

    @Test
    void aSignalFlushesWritesTheLabelsAndDisconnects(final BrokerStack stack, @TempDir final Path dir) throws Exception {
        final Path labels = dir.resolve("labels.jsonl");
        final Path output = dir.resolve("out.txt");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(stack.mqttUri(), "it-shutdown-sub", false)) {
            final Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SimulatorMain.class.getName(), "run", "--mqtt-uri", stack.mqttUri(), "-i", "100ms",
                    "--degradation-onset", "1s", "--labels-out", labels.toString(), "--progress", "0")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> subscriber.received().size() >= 60);

                process.destroy();

                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process ends").isTrue();
            } finally {
                process.destroyForcibly();
            }
            final String out = Files.readString(output);
            final Matcher summary = PUBLISHED.matcher(out);
            assertThat(summary.find()).as(out).isTrue();
            final long published = Long.parseLong(summary.group(1).replace(",", ""));
            assertThat(summary.group(2).replace(",", "")).as("every reading acknowledged").isEqualTo(String.valueOf(published));
            assertThat(summary.group(3)).isEqualTo("0");
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received().size() >= published);
            assertThat(subscriber.received()).hasSize((int) published);
            final List<String> labelLines = Files.readAllLines(labels);
            assertThat(labelLines).singleElement().asString()
                    .contains("\"machine_id\":\"MACHINE_003\",\"fault\":\"DEGRADATION\"").doesNotContain("\"end\"");
        }
    }
}
