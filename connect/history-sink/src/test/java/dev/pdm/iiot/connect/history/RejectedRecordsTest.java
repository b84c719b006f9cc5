package dev.pdm.iiot.connect.history;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of bad input fails the transform with a {@link DataException} whose message starts with
 * the reason's code and names the field, so that the dead-letter record says what is wrong.
 */
class RejectedRecordsTest {

    private static final String MINUTE = "{\"machine_id\": \"M1\", \"minute\": \"2025-11-21T21:27:00Z\", \"readings\": 20, "
            + "\"anomalies\": 2, \"max_score\": 0.71, \"model_version\": 1, \"sensors\": {\"vibration\": "
            + "{\"min\": 4.41, \"mean\": 4.55, \"max\": 4.67, \"count\": 20}}}";
    private static final String ALERT = "{\"alert_id\": \"M1:ANOMALY:1\", \"machine_id\": \"M1\", "
            + "\"timestamp\": \"2025-11-21T21:28:04.512Z\", \"anomaly_score\": -0.71, \"severity\": \"WARNING\", "
            + "\"metrics\": {\"temperature\": 82.4}}";
    private static final String MODEL = "{\"machine_id\": \"M1\", \"version\": 1, \"trained_at\": \"2025-11-21T21:29:31Z\", "
            + "\"samples\": 30, \"features\": [\"temperature\"], \"feature_stats\": [{\"name\": \"temperature\", "
            + "\"mean\": 65.1, \"std\": 1.2}], \"threshold\": 0.58, \"contamination\": 0.15, \"trees\": 100, "
            + "\"subsample\": 1.0, \"extension_level\": 0, \"size_bytes\": 48210, \"reason\": \"INITIAL\"}";

    private static SinkRecord record(final String json) {
        return new SinkRecord("machine-minute-aggregates", 3, Schema.STRING_SCHEMA, "M1", null,
                json.getBytes(StandardCharsets.UTF_8), 1042);
    }

    static Stream<Arguments> badMinutes() {
        return Stream.of(
                Arguments.of("no bytes", "", "EMPTY_PAYLOAD", "no JSON"),
                Arguments.of("not JSON", "{\"machine_id\": \"M1\",", "MALFORMED_JSON", ""),
                Arguments.of("trailing garbage", MINUTE + " x", "MALFORMED_JSON", ""),
                Arguments.of("a field twice", "{\"machine_id\": \"M1\", \"machine_id\": \"M2\"}", "MALFORMED_JSON",
                        "machine_id"),
                Arguments.of("an array", "[1, 2]", "NOT_AN_OBJECT", "array"),
                Arguments.of("no minute", MINUTE.replace("\"minute\": \"2025-11-21T21:27:00Z\", ", ""),
                        "MISSING_FIELD", "field minute is missing"),
                Arguments.of("no readings", MINUTE.replace("\"readings\": 20, ", ""), "MISSING_FIELD",
                        "field readings is missing"),
                Arguments.of("a null machine", MINUTE.replace("\"M1\"", "null"), "MISSING_FIELD",
                        "field machine_id is missing"),
                Arguments.of("readings as text", MINUTE.replace("\"readings\": 20", "\"readings\": \"many\""),
                        "WRONG_TYPE", "field readings"),
                Arguments.of("readings with a fraction", MINUTE.replace("\"readings\": 20", "\"readings\": 20.5"),
                        "WRONG_TYPE", "field readings"),
                Arguments.of("a sensor as a number", MINUTE.replace("{\"min\": 4.41, \"mean\": 4.55, \"max\": 4.67, "
                        + "\"count\": 20}", "4.5"), "WRONG_TYPE", "field sensors.vibration"),
                Arguments.of("an unreadable minute", MINUTE.replace("2025-11-21T21:27:00Z", "yesterday"),
                        "WRONG_TYPE", "field minute"),
                Arguments.of("NaN", MINUTE.replace("\"max\": 4.67", "\"max\": NaN"), "NON_FINITE",
                        "field sensors.vibration.max is NaN"),
                Arguments.of("NaN as text", MINUTE.replace("\"max\": 4.67", "\"max\": \"NaN\""), "NON_FINITE",
                        "field sensors.vibration.max is NaN"),
                Arguments.of("Infinity", MINUTE.replace("\"max_score\": 0.71", "\"max_score\": Infinity"),
                        "NON_FINITE", "field max_score is Infinity"),
                Arguments.of("a score above 1", MINUTE.replace("\"max_score\": 0.71", "\"max_score\": 7.1"),
                        "OUT_OF_RANGE", "field max_score"),
                Arguments.of("negative readings", MINUTE.replace("\"readings\": 20", "\"readings\": -1"),
                        "OUT_OF_RANGE", "field readings"),
                Arguments.of("more readings than an integer", MINUTE.replace("\"readings\": 20",
                        "\"readings\": 3000000000"), "OUT_OF_RANGE", "field readings"),
                Arguments.of("more anomalies than readings", MINUTE.replace("\"anomalies\": 2", "\"anomalies\": 21"),
                        "OUT_OF_RANGE", "field anomalies"),
                Arguments.of("a sensor of no reading", MINUTE.replace("\"count\": 20", "\"count\": 0"),
                        "OUT_OF_RANGE", "at least one reading"),
                Arguments.of("a sensor name with NUL", MINUTE.replace("\"vibration\"", "\"vib\\u0000ration\""),
                        "OUT_OF_RANGE", "NUL"),
                Arguments.of("a sensor name too long", MINUTE.replace("\"vibration\"", "\"" + "v".repeat(129) + "\""),
                        "OUT_OF_RANGE", "longer than 128"),
                Arguments.of("a machine id with a space", MINUTE.replace("\"M1\"", "\"M 1\""), "INVALID_MACHINE_ID",
                        "'M 1'"),
                Arguments.of("a minute with seconds", MINUTE.replace("21:27:00Z", "21:27:30Z"), "INVALID_TIMESTAMP",
                        "not the start of a minute"),
                Arguments.of("a minute before 2000", MINUTE.replace("2025-11-21", "1970-01-01"),
                        "INVALID_TIMESTAMP", "field minute"),
                Arguments.of("a newer schema version", MINUTE.replace("{\"machine_id\"",
                        "{\"schema_version\": 2, \"machine_id\""), "UNKNOWN_SCHEMA_VERSION", "field schema_version is 2"),
                Arguments.of("a schema version as text", MINUTE.replace("{\"machine_id\"",
                        "{\"schema_version\": \"1\", \"machine_id\""), "WRONG_TYPE", "field schema_version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMinutes")
    void aBadMinuteFailsWithItsReasonAndField(final String kind, final String json, final String reason,
                                               final String detail) {
        assertThatThrownBy(() -> new MinuteAggregateStruct<SinkRecord>().apply(record(json)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(reason + ": ")
                .hasMessageContaining(detail)
                .hasMessageEndingWith("(MinuteAggregate on machine-minute-aggregates-3@1042)");
    }

    static Stream<Arguments> badAlertsAndModels() {
        final Supplier<Transformation<SinkRecord>> alerts = AlertAuditStruct::new;
        final Supplier<Transformation<SinkRecord>> models = ModelVersionStruct::new;
        return Stream.of(
                Arguments.of("an alert without id", alerts, ALERT.replace("\"alert_id\": \"M1:ANOMALY:1\", ", ""),
                        "MISSING_FIELD", "field alert_id is missing"),
                Arguments.of("an alert of an unknown severity", alerts, ALERT.replace("WARNING", "SEVERE"),
                        "WRONG_TYPE", "field severity"),
                Arguments.of("an alert with a NaN metric", alerts, ALERT.replace("82.4", "NaN"), "NON_FINITE",
                        "field metrics.temperature is NaN"),
                Arguments.of("an alert acknowledged by a very long name", alerts, ALERT.replace("{\"alert_id\"",
                        "{\"acknowledged_by\": \"" + "a".repeat(201) + "\", \"alert_id\""), "OUT_OF_RANGE",
                        "field acknowledged_by is longer than 200"),
                Arguments.of("a model without features", models, MODEL.replace("\"features\": [\"temperature\"], ", ""),
                        "MISSING_FIELD", "field features is missing"),
                Arguments.of("a model of an unknown reason", models, MODEL.replace("INITIAL", "WHIM"), "WRONG_TYPE",
                        "field reason"),
                Arguments.of("a model with an infinite deviation", models, MODEL.replace("\"std\": 1.2",
                        "\"std\": -Infinity"), "NON_FINITE", "field feature_stats.temperature.std is -Infinity"),
                Arguments.of("a model of a newer schema", models, MODEL.replace("{\"machine_id\"",
                        "{\"schema_version\": 3, \"machine_id\""), "UNKNOWN_SCHEMA_VERSION", "is 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAlertsAndModels")
    void aBadAlertOrModelFailsWithItsReasonAndField(final String kind,
                                                    final Supplier<Transformation<SinkRecord>> transform,
                                                    final String json, final String reason, final String detail) {
        assertThatThrownBy(() -> transform.get().apply(record(json)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(reason + ": ")
                .hasMessageContaining(detail);
    }

    @Test
    void aValueOfAnotherTypeFailsNamingTheConverter() {
        final SinkRecord struct = new SinkRecord("t", 0, null, null, null, new Struct(MinuteAggregateStruct.SCHEMA), 7);

        assertThatThrownBy(() -> new MinuteAggregateStruct<SinkRecord>().apply(struct))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("WRONG_TYPE: ")
                .hasMessageContaining("ByteArrayConverter");
    }

    @Test
    void theValidFormsAroundTheChecksPass() {
        final String versioned = MINUTE.replace("{\"machine_id\"", "{\"schema_version\": 1, \"machine_id\"")
                .replace("\"max_score\": 0.71, \"model_version\": 1, ", "");

        final Struct row = (Struct) new MinuteAggregateStruct<SinkRecord>().apply(record(versioned)).value();

        assertThat(row.getFloat64("max_score")).isNull();
        assertThat(row.getInt32("readings")).isEqualTo(20);
        assertThat(new AlertAuditStruct<SinkRecord>().apply(record(ALERT)).value()).isInstanceOf(Struct.class);
        assertThat(new ModelVersionStruct<SinkRecord>().apply(record(MODEL)).value()).isInstanceOf(Struct.class);
    }
}
