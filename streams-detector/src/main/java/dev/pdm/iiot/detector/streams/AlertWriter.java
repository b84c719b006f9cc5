package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertIds;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.pdm.iiot.detector.streams.DetectorTopology.ALERTS_SINK;

/**
 * Keeps a changed alert, of any type: in the alert store, on {@code machine-alerts}, in the
 * metrics and the log. A newly raised alert prunes the machine's oldest cleared one of its type,
 * so that {@code keepCleared} of each type stay queryable.
 */
final class AlertWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWriter.class);

    private final KeyValueStore<String, Alert> alerts;
    private final ProcessorContext<String, Object> context;
    private final DetectorMetrics metrics;
    private final int keepCleared;

    AlertWriter(final KeyValueStore<String, Alert> alerts, final ProcessorContext<String, Object> context,
                final DetectorMetrics metrics, final int keepCleared) {
        this.alerts = alerts;
        this.context = context;
        this.metrics = metrics;
        this.keepCleared = keepCleared;
    }

    /** The alert as stored, or null. */
    Alert get(final String alertId) {
        return alerts.get(alertId);
    }

    /** Stores and publishes the alert's new state, with the timestamp of the record that changed it. */
    void write(final Alert alert, final long timestamp) {
        final boolean raised = alerts.get(alert.alertId()) == null;
        alerts.put(alert.alertId(), alert);
        if (raised) {
            LOG.info("alert {} raised: {} {}", alert.alertId(), alert.severity(), alert.recommendation());
            pruneCleared(alert);
        } else if (!alert.status().isOpen()) {
            LOG.info("alert {} cleared after {} updates", alert.alertId(), alert.count());
        }
        metrics.alertChanged(alert, raised);
        context.forward(new Record<>(alert.machineId(), alert, timestamp), ALERTS_SINK);
    }

    private void pruneCleared(final Alert raised) {
        final long n = Long.parseLong(raised.alertId().substring(raised.alertId().lastIndexOf(':') + 1));
        final long drop = n - keepCleared - 1;
        if (drop >= 1) {
            alerts.delete(AlertIds.of(raised.machineId(), raised.type(), drop));
        }
    }
}
