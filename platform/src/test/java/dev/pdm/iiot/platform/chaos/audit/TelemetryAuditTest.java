package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.events.KafkaTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryAuditTest {

    private static ConsumerRecord<byte[], byte[]> record(final String machineId, final String json) {
        return new ConsumerRecord<>(KafkaTopics.TELEMETRY, 0, 0, machineId == null ? null
                : machineId.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<byte[], byte[]> reading(final String machineId, final long seq) {
        return record(machineId, "{\"machine_id\":\"" + machineId + "\",\"seq\":" + seq + ",\"rpm\":1500}");
    }

    @Test
    void findsTheAcknowledgedReadingsThatAreNotInTheTopic() {
        // given M1's readings 0..4 acknowledged, and 0, 1, 3, 4 in the topic
        final ReadingSet acknowledged = new ReadingSet();
        for (long seq = 0; seq < 5; seq++) {
            acknowledged.add("M1", seq);
        }
        final TelemetryAudit audit = new TelemetryAudit();
        for (final long seq : new long[] {0, 1, 3, 4}) {
            audit.onRecord(reading("M1", seq));
        }

        // when summed up
        final TelemetryAudit.Summary summary = audit.summary(acknowledged);

        // then reading 2 is lost
        assertThat(summary.lost()).isEqualTo(1);
        assertThat(summary.lostReadings().first()).containsExactly("M1:2");
        assertThat(summary.distinct()).isEqualTo(4);
    }

    @Test
    void countsDuplicatesAndReadingsWithoutSeqApart() {
        final TelemetryAudit audit = new TelemetryAudit();
        audit.onRecord(reading("M1", 0));
        audit.onRecord(reading("M1", 0));
        audit.onRecord(reading("M2", 0));
        audit.onRecord(record("M1", "{\"machine_id\":\"M1\",\"rpm\":1500}"));
        audit.onRecord(record(null, "{\"machine_id\":\"M1\",\"seq\":9,\"rpm\":1500}"));

        final TelemetryAudit.Summary summary = audit.summary(new ReadingSet());

        assertThat(summary.records()).isEqualTo(5);
        assertThat(summary.distinct()).isEqualTo(2);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.withoutSeq()).isEqualTo(2);
        assertThat(summary.lost()).isZero();
    }

    @Test
    void aReadingOfAnotherMachineWithTheSameSeqDoesNotCount() {
        final ReadingSet acknowledged = new ReadingSet();
        acknowledged.add("M1", 7);
        final TelemetryAudit audit = new TelemetryAudit();
        audit.onRecord(reading("M2", 7));

        assertThat(audit.summary(acknowledged).lost()).isEqualTo(1);
    }
}
