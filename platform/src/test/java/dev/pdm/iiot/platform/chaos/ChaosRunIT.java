package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.platform.cluster.ClusterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short chaos run: the platform as a cluster of processes (3 Kafka nodes, 2 HiveMQ nodes, 2
 * detectors, Connect, the dashboard, the notifier) under a plant of 50 machines at 25 readings/s,
 * one kill of each kind with SIGKILL: a Kafka node, an MQTT node, a detector, the other detector
 * while the group rebalances, the Connect worker, the dashboard, then a Kafka node and a detector at
 * once. It fails if a fault is not recovered from, an acknowledged reading is lost, a reading is
 * scored twice, an alert is raised twice for one episode or missing on MQTT, or a model is lost.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ChaosRunIT {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRunIT.class);

    /** Every part's data and log, kept when the test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void theShortRunSurvivesOneKillOfEachKindWithNothingLostOrDuplicated() {
        final ClusterSettings cluster = ClusterSettings.defaults(dataDir, Path.of(".."));
        final List<Fault> faults = ChaosSchedule.oneOfEachKind(cluster.kafkaNodes(), cluster.mqttNodes(),
                cluster.detectors());
        // a rate the 11 processes keep well ahead of on 2 cores, so that a fault costs its own recovery and not a
        // backlog's (the long run, docs/RELIABILITY.md, is the one at the plant's rate)
        final ChaosSettings settings = new ChaosSettings(50, 25, 20, faults, Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofMinutes(3), 7);

        final ChaosReport report = ChaosRun.run(cluster, settings);

        LOG.info("short chaos run:\n{}", report.toMarkdown());
        assertThat(report.outcomes()).as(report.toMarkdown()).hasSize(faults.size())
                .allMatch(FaultOutcome::survived);
        assertThat(report.audit().passed()).as(report.toMarkdown()).isTrue();
        assertThat(report.passed()).isTrue();
    }
}
