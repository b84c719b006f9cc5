package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.platform.chaos.audit.AcknowledgedReadings;
import dev.pdm.iiot.platform.chaos.audit.ChaosAudit;
import dev.pdm.iiot.platform.cluster.ClusterPlant;
import dev.pdm.iiot.platform.cluster.ClusterSettings;
import dev.pdm.iiot.platform.cluster.PlatformCluster;
import dev.pdm.iiot.platform.cluster.PlatformCluster.Kind;
import dev.pdm.iiot.platform.cluster.PlatformCluster.Part;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A chaos run: the platform as a {@link PlatformCluster} of processes, a simulated plant publishing
 * at a steady rate, and its parts killed with SIGKILL in turn by the {@link ChaosSettings#faults()
 * schedule}. After each kill it measures how long until readings are scored again, restarts the
 * parts and measures how long until the alerts are current; at the end it stops the plant, waits
 * until every part has caught up, and audits from Kafka itself that nothing acknowledged was lost
 * and nothing scored or alerted twice ({@link ChaosAudit}).
 */
public final class ChaosRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    private final PlatformCluster cluster;
    private final ChaosSettings settings;
    private final GroupLag lag;
    private ChaosAudit audit;

    private ChaosRun(final PlatformCluster cluster, final ChaosSettings settings) {
        this.cluster = cluster;
        this.settings = settings;
        this.lag = new GroupLag(cluster.admin());
    }

    /** Starts a cluster of {@code clusterSettings}, runs the chaos of {@code settings} on it, stops it. */
    public static ChaosReport run(final ClusterSettings clusterSettings, final ChaosSettings settings) {
        try (PlatformCluster cluster = PlatformCluster.start(clusterSettings)) {
            // a run stopped by Ctrl-C or SIGTERM stops its cluster too, instead of leaving it running
            final Thread stop = new Thread(cluster::close, "chaos-cluster-shutdown");
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                return new ChaosRun(cluster, settings).run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook stops the cluster
                }
            }
        }
    }

    /** Runs the chaos of {@code settings} on a running cluster. */
    public static ChaosReport run(final PlatformCluster cluster, final ChaosSettings settings) {
        return new ChaosRun(cluster, settings).run();
    }

    private ChaosReport run() {
        final long started = System.nanoTime();
        final List<FaultOutcome> outcomes = new ArrayList<>();
        final ChaosReport report;
        final AcknowledgedReadings acknowledged = new AcknowledgedReadings();
        audit = ChaosAudit.start(ChaosAudit.Settings.of(cluster.bootstrapServers(), cluster.mqttUris(),
                PlatformCluster.ALERT_CONSUMER, cluster.alertConsumerPassword(), cluster.dashboardUrl(),
                cluster.detectorUrl(1), PlatformCluster.OBSERVER, cluster.observerPassword()), acknowledged);
        try (ClusterPlant load = ClusterPlant.start(cluster, settings.machines(), settings.interval(),
                settings.faultsPerHour(), settings.seed(), cluster.settings().dataDir().resolve("labels.jsonl"),
                acknowledged::add)) {
            progress(String.format("plant of %d machines publishing %.0f readings/s to %s; warming up for %s",
                    settings.machines(), settings.readingsPerSecond(), cluster.mqttUris(), settings.warmUp()));
            await("the plant's readings scored on every partition", settings.recoveryTimeout().plus(settings.warmUp()),
                    () -> audit.partitionsScoring().size() >= Math.min(settings.machines(),
                            KafkaTopics.DEFAULT_PARTITIONS));
            pause(settings.warmUp());
            final List<Fault> faults = settings.faults();
            List<Part> unready = List.of();
            for (int i = 0; i < faults.size(); i++) {
                final Fault fault = faults.get(i);
                final boolean nextInRebalance = i + 1 < faults.size() && faults.get(i + 1).duringRebalance();
                if (!fault.duringRebalance() && i > 0) {
                    pause(settings.spacing());
                }
                final FaultOutcome outcome = inflict(fault, nextInRebalance);
                for (final Part part : unready) {
                    cluster.awaitReady(part);
                }
                unready = nextInRebalance ? fault.parts() : List.of();
                outcomes.add(outcome);
                progress(String.format("fault %d/%d %s: readings flowing again after %s, restart %s, alerts current "
                                + "after %s", i + 1, faults.size(), fault.describe(),
                        outcome.scoringResumed().map(Object::toString).orElse("-"), outcome.restarted(),
                        outcome.caughtUp().map(Object::toString).orElse("-")));
            }
            for (final Part part : unready) {
                cluster.awaitReady(part);
            }
            load.close();
            progress(String.format("plant stopped: %d readings published, %d acknowledged, %d given up; waiting for "
                    + "every part to catch up", load.stats().published(), load.stats().acked(), load.stats().failed()));
            // the alert sinks are waited for by the audit, which checks every alert arrived on MQTT
            await("the detectors caught up", DRAIN_TIMEOUT, caughtUpWith(false));
            final ChaosAudit.Result result = audit.finish(DRAIN_TIMEOUT);
            report = new ChaosReport(settings, Duration.ofNanos(System.nanoTime() - started), outcomes,
                    load.stats().published(), load.stats().failed(), result);
        } finally {
            audit.close();
        }
        LOG.info("chaos run {}:\n{}", report.passed() ? "passed" : "FAILED", report.toMarkdown());
        return report;
    }

    /**
     * Kills the fault's parts, waits until readings are scored again, restarts them and (unless the
     * next fault is to strike during the rebalance this restart causes) waits until the alerts are
     * current.
     */
    private FaultOutcome inflict(final Fault fault, final boolean nextInRebalance) {
        progress("killing " + fault.describe());
        final Instant killedAt = Instant.now();
        final long killed = System.nanoTime();
        fault.parts().forEach(cluster::kill);
        final Optional<Duration> resumed = within(settings.recoveryTimeout(), killed,
                () -> audit.partitionsScoring().stream().allMatch(p -> audit.scoredAfter(p, killedAt)));
        if (resumed.isEmpty()) {
            LOG.error("after {} readings were not scored again within {}; the latest reading scored per partition: {}",
                    fault.describe(), settings.recoveryTimeout(), audit.scoring().progress());
        }
        final long restarting = System.nanoTime();
        if (nextInRebalance) {
            fault.parts().forEach(cluster::start);
            // the restarted detector rejoins its group: the next fault strikes while it rebalances
            within(settings.recoveryTimeout(), restarting, () -> lag.rebalancing(PlatformCluster.DETECTOR_APPLICATION));
            return new FaultOutcome(fault, killedAt, resumed, Duration.ofNanos(System.nanoTime() - restarting),
                    Optional.empty());
        }
        fault.parts().forEach(cluster::restart);
        final Duration restarted = Duration.ofNanos(System.nanoTime() - restarting);
        final Optional<Duration> caughtUp = within(settings.recoveryTimeout(), killed, caughtUpWith(true));
        if (caughtUp.isEmpty()) {
            LOG.error("after {} the detectors or the alert sinks did not catch up within {}", fault.describe(),
                    settings.recoveryTimeout());
        }
        return new FaultOutcome(fault, killedAt, resumed, restarted, caughtUp);
    }

    /**
     * A condition that holds once the detectors have committed every reading in Kafka now and, with
     * {@code alerts}, every alert sink every alert in Kafka now: everything that arrived while the
     * part was down has been scored and alerted on.
     */
    private BooleanSupplier caughtUpWith(final boolean alerts) {
        final Moment readings = new Moment(KafkaTopics.TELEMETRY);
        final Moment alertEnds = new Moment(KafkaTopics.ALERTS);
        return () -> {
            // readings come from the bridge's idempotent producer; alerts from the detectors' transactions
            if (!lag.reached(PlatformCluster.DETECTOR_APPLICATION, readings.ends(), false)) {
                return false;
            }
            return !alerts || cluster.parts(Kind.MQTT).stream().allMatch(node -> lag.reached(
                    "connect-" + PlatformCluster.alertSinkName(node.number()), alertEnds.ends(), true));
        };
    }

    /**
     * A topic's end offsets at the first moment Kafka answers (right after a restart it may not):
     * empty until then.
     */
    private final class Moment {
        private final String topic;
        private Map<TopicPartition, Long> ends = Map.of();

        Moment(final String topic) {
            this.topic = topic;
            ends();
        }

        Map<TopicPartition, Long> ends() {
            if (ends.isEmpty()) {
                ends = lag.ends(topic);
            }
            return ends;
        }
    }

    /** A step of the run, in the log and in {@code chaos.log} of the cluster's folder (to follow a long run). */
    private void progress(final String line) {
        LOG.info(line);
        try {
            Files.writeString(cluster.settings().dataDir().resolve("chaos.log"), Instant.now() + " " + line + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot write chaos.log: {}", e.toString());
        }
    }

    /** How long from {@code since} until the condition held, or empty if it did not within {@code timeout}. */
    private static Optional<Duration> within(final Duration timeout, final long since, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - since));
            }
            pause(POLL);
        }
        return Optional.empty();
    }

    private static void await(final String what, final Duration timeout, final BooleanSupplier condition) {
        if (within(timeout, System.nanoTime(), condition).isEmpty()) {
            throw new IllegalStateException("not within " + timeout + ": " + what);
        }
    }

    private static void pause(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the chaos run was interrupted", e);
        }
    }
}
