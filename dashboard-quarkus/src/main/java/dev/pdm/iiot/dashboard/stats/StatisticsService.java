package dev.pdm.iiot.dashboard.stats;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.dashboard.detector.DetectorHealth;
import dev.pdm.iiot.dashboard.kafka.KafkaHealth;
import dev.pdm.iiot.dashboard.view.MachineEntry;
import dev.pdm.iiot.dashboard.view.MachineHealth;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Computes the statistics panel from the plant view, the ingest counters and the health checks. */
@ApplicationScoped
public class StatisticsService {

    private final PlantView view;
    private final IngestCounters counters;
    private final DetectorHealth detector;
    private final KafkaHealth kafka;
    private final FanOutMetrics fanOut;
    private final DashboardConfig config;

    @Inject
    public StatisticsService(final PlantView view, final IngestCounters counters, final DetectorHealth detector,
                             final KafkaHealth kafka, final FanOutMetrics fanOut, final DashboardConfig config) {
        this.view = view;
        this.counters = counters;
        this.detector = detector;
        this.kafka = kafka;
        this.fanOut = fanOut;
        this.config = config;
    }

    public PlantStatistics current() {
        final Instant now = Instant.now();
        final Instant activeSince = now.minus(config.statistics().activeWindow());
        long totalReadings = 0;
        long anomalies = 0;
        int machines = 0;
        int active = 0;
        int training = 0;
        int normal = 0;
        int anomaly = 0;
        for (final MachineEntry entry : view.machines()) {
            final MachineStatus status = entry.status();
            if (status == null) {
                continue;
            }
            machines++;
            totalReadings += status.readings();
            anomalies += status.anomalies();
            switch (status.state()) {
                case TRAINING -> training++;
                case NORMAL -> normal++;
                case ANOMALY -> anomaly++;
            }
            if (entry.seenAt() != null && entry.seenAt().isAfter(activeSince)) {
                active++;
            }
        }
        return new PlantStatistics(totalReadings, anomalies, active, machines, training, normal, anomaly,
                Math.round(counters.readingsPerSecond(now.toEpochMilli()) * 10) / 10.0, counters.deadLetters(),
                counters.deadLettersByReason(), view.alerts().openCount(),
                view.alerts().countOpen(AlertStatus.ACTIVE_UNACK), kafka.current(), detector.current(),
                fanOut.snapshot(), PlantStatistics.Heap.now(), now, machinesByHealth(view.machines()),
                view.alerts().openByType());
    }

    /**
     * Machines by health (from their alerts, or derived for an older detector's status), every
     * health present, in the order LEARNING, OK, WATCH, ALERT. Removed machines are not counted.
     */
    static Map<String, Integer> machinesByHealth(final Iterable<MachineEntry> machines) {
        final int[] counts = new int[Health.values().length];
        for (final MachineEntry entry : machines) {
            if (entry.status() != null) {
                counts[MachineHealth.of(entry.status()).ordinal()]++;
            }
        }
        final Map<String, Integer> byHealth = new LinkedHashMap<>();
        for (final Health health : Health.values()) {
            byHealth.put(health.name(), counts[health.ordinal()]);
        }
        return byHealth;
    }
}
