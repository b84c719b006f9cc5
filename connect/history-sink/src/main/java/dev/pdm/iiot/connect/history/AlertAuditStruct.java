package dev.pdm.iiot.connect.history;

import dev.pdm.iiot.events.model.Alert;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * One state of an alert of {@code machine-alerts} as a row of {@code alert_audit}: raised, updated,
 * acknowledged (with who and when) or cleared. The row's key is what makes a state distinct
 * ({@code alert_id, changed_at, status, count}; {@code changed_at} is the alert's {@code timestamp},
 * when this state was produced), so a record delivered again, or published again by a detector
 * that restarted, is written once.
 *
 * @param <R> the record type
 */
public final class AlertAuditStruct<R extends ConnectRecord<R>> extends JsonToStruct<R, Alert> {

    /** The row's schema; the field names are the table's columns. */
    public static final Schema SCHEMA = SchemaBuilder.struct().name("dev.pdm.iiot.history.AlertAudit")
            .field("alert_id", Schema.STRING_SCHEMA)
            .field("changed_at", instant().build())
            .field("status", Schema.STRING_SCHEMA)
            .field("count", Schema.INT64_SCHEMA)
            .field("machine_id", Schema.STRING_SCHEMA)
            .field("type", Schema.STRING_SCHEMA)
            .field("severity", Schema.STRING_SCHEMA)
            .field("peak_severity", Schema.STRING_SCHEMA)
            .field("first_seen", instant().build())
            .field("last_seen", instant().build())
            .field("anomaly_score", Schema.FLOAT64_SCHEMA)
            .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("threshold", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("model_version", Schema.OPTIONAL_INT32_SCHEMA)
            .field("recommendation", Schema.OPTIONAL_STRING_SCHEMA)
            .field("acknowledged_by", Schema.OPTIONAL_STRING_SCHEMA)
            .field("acknowledged_at", optional(instant()))
            .field("cleared_by", Schema.OPTIONAL_STRING_SCHEMA)
            .field("cleared_at", optional(instant()))
            .field("metrics", optional(jsonb()))
            .build();

    public AlertAuditStruct() {
        super(Alert.class);
    }

    @Override
    Struct toStruct(final Alert alert) {
        return new Struct(SCHEMA)
                .put("alert_id", alert.alertId())
                .put("changed_at", text(alert.timestamp()))
                .put("status", alert.status().name())
                .put("count", alert.count())
                .put("machine_id", alert.machineId())
                .put("type", alert.type())
                .put("severity", alert.severity().name())
                .put("peak_severity", alert.peakSeverity().name())
                .put("first_seen", text(alert.firstSeen()))
                .put("last_seen", text(alert.lastSeen()))
                .put("anomaly_score", alert.anomalyScore())
                .put("score", alert.score())
                .put("threshold", alert.threshold())
                .put("model_version", alert.modelVersion())
                .put("recommendation", alert.recommendation())
                .put("acknowledged_by", alert.acknowledgedBy())
                .put("acknowledged_at", text(alert.acknowledgedAt()))
                .put("cleared_by", alert.clearedBy())
                .put("cleared_at", text(alert.clearedAt()))
                .put("metrics", alert.metrics().isEmpty() ? null : json(alert.metrics()));
    }
}
