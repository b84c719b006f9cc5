package dev.pdm.iiot.events.validation;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingParserTest {

    /** A reading exactly as the prototype's simulator publishes it. */
    static final String PROTOTYPE_READING = "{\"machine_id\": \"MACHINE_003\", \"timestamp\": \"2025-11-21T21:27:22.123456\", "
            + "\"temperature\": 82.4, \"vibration\": 4.67, \"current\": 14.2, \"pressure\": 6.01, \"rpm\": 1431, "
            + "\"runtime_hours\": 0.12, \"degradation_level\": 78.3}";

    static final Instant ARRIVAL = Instant.parse("2025-11-21T21:27:23Z");

    private final ReadingParser parser = ReadingParser.withDefaults();

    private ParseResult parse(final String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), ARRIVAL);
    }

    private Rejection rejectionOf(final String json) {
        final ParseResult result = parse(json);
        assertThat(result.isAccepted()).as("rejected: %s", json).isFalse();
        return result.rejection();
    }

    @Test
    void acceptsTheReadingExactlyAsThePrototypePublishesIt() {
        final ParseResult result = parse(PROTOTYPE_READING);

        assertThat(result.isAccepted()).as(String.valueOf(result.rejection())).isTrue();
        final TelemetryReading reading = result.reading();
        assertThat(reading.machineId()).isEqualTo("MACHINE_003");
        assertThat(reading.timestamp()).as("a timestamp without zone is read as UTC")
                .isEqualTo(Instant.parse("2025-11-21T21:27:22.123456Z"));
        assertThat(reading.values()).containsExactly(
                entry("temperature", 82.4), entry("vibration", 4.67), entry("current", 14.2),
                entry("pressure", 6.01), entry("rpm", 1431.0), entry("runtime_hours", 0.12),
                entry("degradation_level", 78.3));
        assertThat(reading.schemaVersion()).isNull();
        assertThat(reading.seq()).isNull();
    }

    private static java.util.Map.Entry<String, Double> entry(final String k, final double v) {
        return java.util.Map.entry(k, v);
    }

    @Test
    void acceptsThePlatformsOptionalVersionAndSequence() {
        final ParseResult result = parse("{\"machine_id\":\"M-1\",\"timestamp\":\"2025-11-21T21:27:22Z\","
                + "\"schema_version\":1,\"seq\":42,\"temperature\":70.0}");

        assertThat(result.reading().schemaVersion()).isEqualTo(1);
        assertThat(result.reading().seq()).isEqualTo(42L);
        assertThat(result.reading().values()).containsOnlyKeys("temperature");
    }

    @Test
    void readsTheMachineTypeAndWritesItBack() {
        final ParseResult result = parse("{\"machine_id\":\"M-1\",\"timestamp\":\"2025-11-21T21:27:22Z\","
                + "\"machine_type\":\"centrifugal-pump\",\"temperature\":70.0}");

        assertThat(result.reading().machineType()).isEqualTo("centrifugal-pump");
        assertThat(result.reading().values()).containsOnlyKeys("temperature");
        final String written = new String(EventJson.toBytes(result.reading()), StandardCharsets.UTF_8);
        assertThat(written).contains("\"machine_type\":\"centrifugal-pump\"");
        assertThat(parse(written).reading()).isEqualTo(result.reading());
        assertThat(parse("{\"machine_id\":\"M-1\",\"machine_type\":null,\"rpm\":1}").reading().machineType())
                .as("null is absent").isNull();
        assertThat(parse("{\"machine_id\":\"M-1\",\"rpm\":1}").reading().machineType()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"2025-11-21T21:27:22Z\"            | 2025-11-21T21:27:22Z",
            "\"2025-11-21T23:27:22+02:00\"       | 2025-11-21T21:27:22Z",
            "\"2025-11-21 21:27:22.5\"           | 2025-11-21T21:27:22.500Z",
            "1763760442                          | 2025-11-21T21:27:22Z",
            "1763760442.25                       | 2025-11-21T21:27:22.250Z",
            "1763760442123                       | 2025-11-21T21:27:22.123Z"})
    void readsEveryTimestampForm(final String timestamp, final String expected) {
        final ParseResult result = parse("{\"machine_id\":\"M1\",\"timestamp\":" + timestamp + ",\"rpm\":1500}");

        assertThat(result.reading().timestamp()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void usesTheArrivalTimeWhenTheReadingHasNoTimestamp() {
        assertThat(parse("{\"machine_id\":\"M1\",\"rpm\":1500}").reading().timestamp()).isEqualTo(ARRIVAL);
    }

    @Test
    void requiresATimestampWhenNoArrivalTimeIsKnown() {
        final ParseResult result = parser.parse("{\"machine_id\":\"M1\",\"rpm\":1500}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(result.rejection().reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(result.rejection().detail()).contains("timestamp");
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertThat(parser.parse(new byte[0], ARRIVAL).rejection().reason()).isEqualTo(RejectReason.EMPTY_PAYLOAD);
        assertThat(parser.parse(null, ARRIVAL).rejection().reason()).isEqualTo(RejectReason.EMPTY_PAYLOAD);
        assertThat(rejectionOf("   ").reason()).isEqualTo(RejectReason.EMPTY_PAYLOAD);
    }

    @Test
    void rejectsAPayloadOverTheLimitBeforeParsingIt() {
        final String big = "{\"machine_id\":\"M1\",\"rpm\":1500,\"pad\":\"" + "x".repeat(20_000) + "\"}";

        final Rejection rejection = rejectionOf(big);

        assertThat(rejection.reason()).isEqualTo(RejectReason.OVERSIZE);
        assertThat(rejection.detail()).contains("16384");
    }

    @Test
    void theLimitIsConfigurable() {
        final ReadingParser strict = new ReadingParser(ReadingRules.defaults().withMaxPayloadBytes(100));

        assertThat(strict.parse(PROTOTYPE_READING.getBytes(StandardCharsets.UTF_8), ARRIVAL).rejection().reason())
                .isEqualTo(RejectReason.OVERSIZE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"machine_id\":\"M1\",",
            "not json",
            "{\"machine_id\":\"M1\",\"rpm\":1500} trailing",
            "{\"machine_id\":\"M1\",\"rpm\":1500,\"rpm\":1600}",
            "{'machine_id':'M1'}"})
    void rejectsMalformedJson(final String json) {
        assertThat(rejectionOf(json).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void rejectsInvalidUtf8AsMalformed() {
        final byte[] payload = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThat(parser.parse(payload, ARRIVAL).rejection().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2,3]", "42", "\"MACHINE_001\"", "null", "true"})
    void rejectsJsonThatIsNotAnObject(final String json) {
        assertThat(rejectionOf(json).reason()).isEqualTo(RejectReason.NOT_AN_OBJECT);
    }

    @Test
    void rejectsAReadingWithoutMachineId() {
        final Rejection rejection = rejectionOf("{\"timestamp\":\"2025-11-21T21:27:22\",\"rpm\":1500}");

        assertThat(rejection.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rejection.detail()).contains("machine_id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"machine_id\":17,\"rpm\":1500}                  | machine_id",
            "{\"machine_id\":\"M1\",\"temperature\":\"hot\"}     | temperature",
            "{\"machine_id\":\"M1\",\"temperature\":\"82.4\"}    | temperature",
            "{\"machine_id\":\"M1\",\"temperature\":null}        | temperature",
            "{\"machine_id\":\"M1\",\"temperature\":true}        | temperature",
            "{\"machine_id\":\"M1\",\"temperature\":[82.4]}      | temperature",
            "{\"machine_id\":\"M1\",\"temperature\":{\"v\":1}}   | temperature",
            "{\"machine_id\":\"M1\",\"schema_version\":\"1\",\"rpm\":1} | schema_version",
            "{\"machine_id\":\"M1\",\"schema_version\":1.5,\"rpm\":1}   | schema_version",
            "{\"machine_id\":\"M1\",\"seq\":-1,\"rpm\":1}       | seq",
            "{\"machine_id\":\"M1\",\"seq\":\"7\",\"rpm\":1}     | seq",
            "{\"machine_id\":\"M1\",\"machine_type\":7,\"rpm\":1}        | machine_type",
            "{\"machine_id\":\"M1\",\"machine_type\":\"pump #2\",\"rpm\":1} | machine_type",
            "{\"machine_id\":\"M1\",\"machine_type\":\"\",\"rpm\":1}       | machine_type"})
    void rejectsFieldsOfTheWrongTypeNamingTheField(final String json, final String field) {
        final Rejection rejection = rejectionOf(json);

        assertThat(rejection.reason()).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(rejection.detail()).contains(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void rejectsNonFiniteValuesAsPythonWritesThem(final String value) {
        final Rejection rejection = rejectionOf("{\"machine_id\":\"M1\",\"vibration\":" + value + "}");

        assertThat(rejection.reason()).isEqualTo(RejectReason.NON_FINITE);
        assertThat(rejection.detail()).contains("vibration");
    }

    @ParameterizedTest
    @CsvSource({"temperature,1200", "vibration,-1", "current,-3", "pressure,-5", "rpm,250000", "flow,2e9"})
    void rejectsImplausibleValues(final String sensor, final double value) {
        final Rejection rejection = rejectionOf("{\"machine_id\":\"M1\",\"" + sensor + "\":" + value + "}");

        assertThat(rejection.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(rejection.detail()).contains(sensor).contains("plausible range");
    }

    @Test
    void rangesAreConfigurablePerSensor() {
        final ReadingParser wide = new ReadingParser(ReadingRules.defaults().withRange("temperature", new ValueRange(-60, 1500)));

        assertThat(wide.parse("{\"machine_id\":\"M1\",\"temperature\":1200}".getBytes(StandardCharsets.UTF_8), ARRIVAL)
                .isAccepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MACHINE 1", "factory/machines/M1", "M1#", "ÄBC"})
    void rejectsMachineIdsOutsideThePattern(final String id) {
        assertThat(rejectionOf("{\"machine_id\":\"" + id + "\",\"rpm\":1}").reason()).isEqualTo(RejectReason.INVALID_MACHINE_ID);
    }

    @Test
    void rejectsAMachineIdLongerThan64Characters() {
        assertThat(rejectionOf("{\"machine_id\":\"" + "M".repeat(65) + "\",\"rpm\":1}").reason())
                .isEqualTo(RejectReason.INVALID_MACHINE_ID);
        assertThat(parse("{\"machine_id\":\"" + "M".repeat(64) + "\",\"rpm\":1}").isAccepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2025-13-01T00:00:00\"", "\"21.11.2025 21:27\"", "true", "{}"})
    void rejectsTimestampsThatCannotBeRead(final String timestamp) {
        final Rejection rejection = rejectionOf("{\"machine_id\":\"M1\",\"timestamp\":" + timestamp + ",\"rpm\":1}");

        assertThat(rejection.reason()).isEqualTo(RejectReason.INVALID_TIMESTAMP);
    }

    @Test
    void rejectsTimestampsTooFarAheadOfArrival() {
        final Instant sixMinutesAhead = ARRIVAL.plus(Duration.ofMinutes(6));
        final Instant fourMinutesAhead = ARRIVAL.plus(Duration.ofMinutes(4));

        assertThat(rejectionOf("{\"machine_id\":\"M1\",\"timestamp\":\"" + sixMinutesAhead + "\",\"rpm\":1}").reason())
                .isEqualTo(RejectReason.INVALID_TIMESTAMP);
        assertThat(parse("{\"machine_id\":\"M1\",\"timestamp\":\"" + fourMinutesAhead + "\",\"rpm\":1}").isAccepted()).isTrue();
    }

    @Test
    void rejectsTimestampsBeforeTheEarliest() {
        assertThat(rejectionOf("{\"machine_id\":\"M1\",\"timestamp\":\"1999-12-31T23:59:59Z\",\"rpm\":1}").reason())
                .isEqualTo(RejectReason.INVALID_TIMESTAMP);
        assertThat(rejectionOf("{\"machine_id\":\"M1\",\"timestamp\":0,\"rpm\":1}").reason())
                .isEqualTo(RejectReason.INVALID_TIMESTAMP);
    }

    @Test
    void rejectsASchemaVersionItDoesNotKnow() {
        final Rejection rejection = rejectionOf("{\"machine_id\":\"M1\",\"schema_version\":2,\"rpm\":1}");

        assertThat(rejection.reason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA_VERSION);
        assertThat(rejection.detail()).contains("2");
    }

    @Test
    void rejectsAReadingWithoutAnySensorValue() {
        assertThat(rejectionOf("{\"machine_id\":\"M1\",\"timestamp\":\"2025-11-21T21:27:22\"}").reason())
                .isEqualTo(RejectReason.NO_SENSOR_VALUES);
    }

    @Test
    void rejectsAMachineIdDifferentFromTheKeyItCameUnder() {
        final ParseResult result = parser.parse(PROTOTYPE_READING.getBytes(StandardCharsets.UTF_8), ARRIVAL, "MACHINE_001");

        assertThat(result.rejection().reason()).isEqualTo(RejectReason.KEY_MISMATCH);
        assertThat(parser.parse(PROTOTYPE_READING.getBytes(StandardCharsets.UTF_8), ARRIVAL, "MACHINE_003").isAccepted())
                .isTrue();
    }

    @Test
    void everyRejectReasonIsCoveredByATestOfThisClass() {
        // A new reason must come with its own test above; this list is the check. PROCESSING_FAILED is
        // the detector's, not the parser's: its test is the detector's (DetectorTopologyTest).
        assertThat(List.of(RejectReason.values())).containsExactlyInAnyOrder(
                RejectReason.EMPTY_PAYLOAD, RejectReason.OVERSIZE, RejectReason.MALFORMED_JSON,
                RejectReason.NOT_AN_OBJECT, RejectReason.MISSING_FIELD, RejectReason.WRONG_TYPE,
                RejectReason.NON_FINITE, RejectReason.OUT_OF_RANGE, RejectReason.INVALID_MACHINE_ID,
                RejectReason.INVALID_TIMESTAMP, RejectReason.UNKNOWN_SCHEMA_VERSION,
                RejectReason.NO_SENSOR_VALUES, RejectReason.KEY_MISMATCH, RejectReason.PROCESSING_FAILED);
    }

    @Test
    void readsEveryNumberToTheSameDoubleAsTheJdk() {
        // shortest round-trip forms, the full 17 digits, longer than a double holds, tiny and huge
        final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        final List<String> texts = new java.util.ArrayList<>(List.of("0.30000000000000004", "4.9E-324",
                "2.2250738585072014E-308", "2.2250738585072011e-308", "999999999.99999999999999999999",
                "1.00000000000000011102230246251565404236316680908203125", "-0.0", "1e-400", "123456789.01234567890123"));
        for (int i = 0; i < 5_000; i++) {
            final double v = (random.nextBoolean() ? 1 : -1) * random.nextDouble() * Math.pow(10, random.nextInt(-320, 9));
            texts.add(Double.toString(v));
            texts.add(String.format(java.util.Locale.ROOT, "%.17g", v));
            final String exact = new java.math.BigDecimal(v).toPlainString();
            if (exact.length() <= 1000) { // Jackson refuses longer numbers as malformed
                texts.add(exact);
            }
        }
        for (final String text : texts) {
            final ParseResult result = parse("{\"machine_id\":\"M-1\",\"timestamp\":\"2025-11-21T21:27:22Z\","
                    + "\"flow\":" + text + "}");
            assertThat(result.isAccepted()).as("%s: %s", text, result.rejection()).isTrue();
            assertThat(Double.doubleToRawLongBits(result.reading().values().get("flow")))
                    .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }
}
