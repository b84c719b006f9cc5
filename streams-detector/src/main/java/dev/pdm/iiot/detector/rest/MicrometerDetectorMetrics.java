package dev.pdm.iiot.detector.rest;

import dev.pdm.iiot.detector.streams.DetectorMetrics;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.validation.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The detector's own metrics on the Prometheus endpoint, beside Kafka Streams' metrics. */
@ApplicationScoped
public class MicrometerDetectorMetrics implements DetectorMetrics {

    private final MeterRegistry registry;
    private final Counter normal;
    private final Counter anomalous;
    private final Counter duplicates;
    private final Counter models;
    private final Counter lateForHistory;
    private final Timer scoring;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);

    public MicrometerDetectorMetrics(final MeterRegistry registry) {
        this.registry = registry;
        this.normal = Counter.builder("detector.readings.scored").tag("anomalous", "false")
                .description("Readings scored by a model").register(registry);
        this.anomalous = Counter.builder("detector.readings.scored").tag("anomalous", "true")
                .description("Readings scored by a model").register(registry);
        this.duplicates = Counter.builder("detector.readings.duplicates")
                .description("Readings ignored as duplicate or stale by sequence number").register(registry);
        this.models = Counter.builder("detector.models.trained").description("Models trained").register(registry);
        this.lateForHistory = Counter.builder("detector.minute.late.readings")
                .description("Readings later than the grace period of their minute, left out of the minute aggregates")
                .register(registry);
        this.scoring = Timer.builder("detector.scoring.latency").description("Time to score one reading")
                .publishPercentiles(0.5, 0.99).register(registry);
        for (final RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("detector.dlq.records").tag("reason", reason.name())
                    .description("Readings rejected to the dead-letter topic").register(registry));
        }
    }

    @Override
    public void scored(final boolean isAnomalous, final long nanos) {
        (isAnomalous ? anomalous : normal).increment();
        scoring.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void alertChanged(final Alert alert, final boolean raised) {
        if (raised) {
            registry.counter("detector.alerts.raised", "severity", alert.severity().name()).increment();
        }
        registry.counter("detector.alerts.changes", "status", alert.status().name()).increment();
    }

    @Override
    public void rejected(final RejectReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void duplicate() {
        duplicates.increment();
    }

    @Override
    public void modelTrained(final int version, final long sizeBytes) {
        models.increment();
    }

    @Override
    public void lateForHistory() {
        lateForHistory.increment();
    }
}
