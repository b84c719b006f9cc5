package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.detector.model.ScoredReadingSerde;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredScoredReadingsTest {

    private static final String TOPIC = ChaosAudit.READINGS_CHANGELOG;

    private final ScoredReadingSerde detector = new ScoredReadingSerde();
    private final StoredScoredReadings audit = new StoredScoredReadings();

    private static TelemetryReading reading(final Long seq, final Integer schemaVersion) {
        final Map<String, Double> values = new LinkedHashMap<>();
        values.put("temperature", 65.2);
        values.put("vibration", 2.01);
        values.put("rpm", 1498.0);
        return new TelemetryReading("MACHINE_001", Instant.parse("2026-12-06T10:00:04.123456789Z"), values,
                schemaVersion, seq);
    }

    @Test
    void readsAScoredReadingAsTheDetectorStoresIt() {
        final ScoredReading scored = new ScoredReading(reading(1042L, 1), 0.44, 0.58, false, 3);

        assertThat(audit.deserialize(TOPIC, detector.serialize(TOPIC, scored))).isEqualTo(scored);
    }

    @Test
    void readsATrainingReadingWithoutScoreSeqOrSchemaVersion() {
        final ScoredReading training = new ScoredReading(reading(null, null), null, null, false, null);

        assertThat(audit.deserialize(TOPIC, detector.serialize(TOPIC, training))).isEqualTo(training);
    }

    @Test
    void readsTheJsonOfEarlierDetectors() {
        final ScoredReading scored = new ScoredReading(reading(7L, 1), 0.9, 0.58, true, 1);

        assertThat(audit.deserialize(TOPIC, EventJson.toBytes(scored))).isEqualTo(scored);
    }

    @Test
    void refusesAnotherFormatOrTruncatedBytes() {
        final byte[] stored = detector.serialize(TOPIC, new ScoredReading(reading(1L, 1), 0.4, 0.5, false, 1));
        final byte[] newer = stored.clone();
        newer[1] = 2;
        final byte[] truncated = java.util.Arrays.copyOf(stored, stored.length - 3);

        assertThatThrownBy(() -> audit.deserialize(TOPIC, newer)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> audit.deserialize(TOPIC, truncated)).isInstanceOf(SerializationException.class);
        assertThat(audit.deserialize(TOPIC, null)).isNull();
    }
}
