package dev.pdm.iiot.connect.history;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.model.SensorMinute;
import dev.pdm.iiot.events.model.Severity;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transforms turn the platform's JSON into rows with a schema, and refuse what is not the event. */
class HistoryTransformsTest {

    private static SinkRecord record(final Object value) {
        return new SinkRecord("t", 0, Schema.STRING_SCHEMA, "M1", null, value, 42);
    }

    @Test
    void aMinuteAggregateBecomesTheSummaryRowWithItsSensorsAsJsonb() {
        final MinuteAggregate minute = new MinuteAggregate("M1", Instant.parse("2025-11-21T21:27:00Z"), 20, 2, 0.71, 1,
                Map.of("vibration", new SensorMinute(4.41, 4.55, 4.67, 20)));

        final SinkRecord row = new MinuteAggregateStruct<SinkRecord>().apply(record(EventJson.toBytes(minute)));

        final Struct value = (Struct) row.value();
        assertThat(row.valueSchema()).isEqualTo(MinuteAggregateStruct.SCHEMA);
        assertThat(row.key()).isEqualTo("M1");
        assertThat(value.getString("minute")).isEqualTo("2025-11-21T21:27:00Z");
        assertThat(value.getInt32("readings")).isEqualTo(20);
        assertThat(value.getString("sensors")).contains("\"vibration\"").contains("\"max\":4.67");
        assertThat(value.schema().field("sensors").schema().name()).isEqualTo(JsonToStruct.JSON);
        assertThat(value.schema().field("sensors").schema().parameters())
                .containsEntry(JsonToStruct.SOURCE_COLUMN_TYPE, "JSONB");
    }

    @Test
    void anAcknowledgedAlertKeepsWhoAndWhen() {
        final Instant at = Instant.parse("2025-11-21T21:28:04.512Z");
        final Alert alert = Alert.prototype("a1", "M1", at, -0.55, Map.of("temperature", 82.4), Severity.CRITICAL, "x")
                .withStatus(AlertStatus.ACTIVE_ACK, at.plusSeconds(5), "maria",
                        at.plusSeconds(5), null, null);

        final Struct value = (Struct) new AlertAuditStruct<SinkRecord>()
                .apply(record(EventJson.toJson(alert))).value();

        assertThat(value.getString("status")).isEqualTo("ACTIVE_ACK");
        assertThat(value.getString("acknowledged_by")).isEqualTo("maria");
        assertThat(value.getString("changed_at")).isEqualTo("2025-11-21T21:28:09.512Z");
        assertThat(value.getString("cleared_at")).isNull();
        assertThat(value.getInt64("count")).isEqualTo(1L);
    }

    @Test
    void aTombstonePassesUnchanged() {
        final SinkRecord tombstone = record(null);

        assertThat(new ModelVersionStruct<SinkRecord>().apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void aValueThatIsNotTheEventFailsNamingWhereItCameFrom() {
        final SinkRecord garbage = record("not json".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new AlertAuditStruct<SinkRecord>().apply(garbage))
                .isInstanceOf(DataException.class).hasMessageContaining("t-0@42");
    }
}
