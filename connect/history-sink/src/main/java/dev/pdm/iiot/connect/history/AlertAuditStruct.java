package dev.pdm.iiot.connect.history;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.validation.RejectReason;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.util.List;

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
        super(Alert.class, List.of("alert_id", "machine_id", "timestamp", "severity", "anomaly_score"));
    }

    /** Texts that fit their columns, times the history keeps, finite scores and metrics. */
    @Override
    void check(final Alert alert) {
        RowChecks.text("alert_id", alert.alertId(), 200);
        if (alert.alertId().isEmpty()) {
            throw RowChecks.rejected(RejectReason.MISSING_FIELD, "field alert_id is empty");
        }
        RowChecks.machineId("machine_id", alert.machineId());
        RowChecks.text("type", alert.type(), 32);
        RowChecks.count("count", alert.count(), Long.MAX_VALUE);
        RowChecks.instant("timestamp", alert.timestamp());
        RowChecks.instant("first_seen", alert.firstSeen());
        RowChecks.instant("last_seen", alert.lastSeen());
        RowChecks.instant("acknowledged_at", alert.acknowledgedAt());
        RowChecks.instant("cleared_at", alert.clearedAt());
        RowChecks.finite("anomaly_score", alert.anomalyScore());
        RowChecks.finite("score", alert.score());
        RowChecks.finite("threshold", alert.threshold());
        RowChecks.text("recommendation", alert.recommendation(), Integer.MAX_VALUE);
        RowChecks.text("acknowledged_by", alert.acknowledgedBy(), 200);
        RowChecks.text("cleared_by", alert.clearedBy(), 200);
        alert.metrics().forEach((sensor, value) -> {
            RowChecks.name("metrics", sensor);
            if (value == null) {
                throw RowChecks.rejected(RejectReason.WRONG_TYPE, "field metrics." + sensor + " is null");
            }
            RowChecks.finite("metrics." + sensor, value);
        });
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
