package dev.pdm.iiot.detector.it;

import dev.pdm.iiot.detector.streams.LeaveGroupOnShutdown;
import dev.pdm.iiot.localstack.kafka.KafkaBroker;
import dev.pdm.iiot.localstack.kafka.KafkaBrokerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A detector whose Kafka cluster has gone away still stops soon after SIGTERM: its streams cannot
 * commit or leave the group, and Kafka Streams would wait out one timeout after the other (about a
 * minute and a half with a 30 s shutdown timeout), longer than any orchestrator's grace period.
 */
class ShutdownWithoutBrokerIT {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path work;

    private KafkaBroker broker;
    private DetectorProcess detector;

    @AfterEach
    void cleanUp() throws Exception {
        if (detector != null) {
            detector.close();
            final Path kept = Path.of("target", "failsafe-reports", "ShutdownWithoutBrokerIT-" + detector.log().getFileName());
            Files.createDirectories(kept.getParent());
            Files.copy(detector.log(), kept, StandardCopyOption.REPLACE_EXISTING);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void stopsWithinItsShutdownTimeoutWhenTheBrokerIsGone() throws Exception {
        broker = new KafkaBroker(KafkaBrokerConfig.loopback(work.resolve("kafka")));
        broker.start();
        detector = new DetectorProcess("detector", work).start(broker.bootstrapServers(), "detector-shutdown",
                work.resolve("state"), "detector.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toSeconds() + "s",
                "detector.instance-id=detector-shutdown-it");
        await("detector ready").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(detector::ready);

        broker.stop();
        final long start = System.nanoTime();
        final Integer exit = detector.terminate(SHUTDOWN_TIMEOUT.plusSeconds(20));
        final Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(exit).as("exit code; null = still running %s after SIGTERM", took)
                .isEqualTo(LeaveGroupOnShutdown.EXIT_UNCLEAN);
        assertThat(Files.readString(detector.log())).contains("streams did not close within PT5S")
                .contains("is the Kafka cluster reachable?");
    }
}
