package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.ModelDescriptor.Reason;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelAuditTest {

    private final ModelAudit audit = new ModelAudit();

    private static ModelDescriptor model(final String machineId, final int version, final Reason reason,
                                         final long trainedSecond) {
        return new ModelDescriptor(machineId, version, Instant.parse("2026-12-06T10:00:00Z").plusSeconds(trainedSecond),
                30, List.of("temperature"), List.of(), 0.6, 0.15, 100, 1.0, 0, 48_000, reason);
    }

    @Test
    void acceptsVersionsThatGoUpAndCountsRetrains() {
        audit.accept(model("M1", 1, Reason.INITIAL, 0));
        audit.accept(model("M1", 2, Reason.REFRESH, 10));
        audit.accept(model("M1", 3, Reason.DRIFT, 20));
        audit.accept(model("M2", 1, Reason.INITIAL, 5));

        final ModelAudit.Summary summary = audit.summary();

        assertThat(summary.lost()).isZero();
        assertThat(summary.retrains()).isEqualTo(2);
        assertThat(summary.machines()).isEqualTo(2);
        assertThat(summary.byReason()).containsEntry(Reason.INITIAL, 2L);
    }

    @Test
    void findsAFreshModelOneAfterALaterOne() {
        audit.accept(model("M1", 1, Reason.INITIAL, 0));
        audit.accept(model("M1", 2, Reason.REFRESH, 10));
        audit.accept(model("M1", 1, Reason.INITIAL, 20));

        final ModelAudit.Summary summary = audit.summary();

        assertThat(summary.lost()).isEqualTo(1);
        assertThat(summary.examples()).containsExactly(
                new ModelAudit.LostModel(ModelAudit.Kind.VERSION_WENT_BACK, "M1", 2, 1, Reason.INITIAL));
    }

    @Test
    void findsAnotherModelUnderTheSameVersion() {
        audit.accept(model("M1", 2, Reason.REFRESH, 0));
        audit.accept(model("M1", 2, Reason.REFRESH, 30));

        assertThat(audit.summary().examples()).extracting(ModelAudit.LostModel::kind)
                .containsExactly(ModelAudit.Kind.VERSION_REUSED);
    }

    @Test
    void findsAMachineLearnedAfreshWithTheVersionsGoingOn() {
        audit.accept(model("M1", 1, Reason.INITIAL, 0));
        audit.accept(model("M1", 2, Reason.INITIAL, 30));

        assertThat(audit.summary().examples()).extracting(ModelAudit.LostModel::kind)
                .containsExactly(ModelAudit.Kind.LEARNED_AGAIN);
    }

    @Test
    void countsTheSameDescriptorTwiceAsRepeatedNotLost() {
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(KafkaTopics.MODELS, 0, 0, null,
                EventJson.toBytes(model("M1", 1, Reason.INITIAL, 0)));
        audit.onRecord(record);
        audit.onRecord(record);
        audit.onRecord(new ConsumerRecord<>(KafkaTopics.MODELS, 0, 2, null, null));

        final ModelAudit.Summary summary = audit.summary();

        assertThat(summary.lost()).isZero();
        assertThat(summary.repeated()).isEqualTo(1);
        assertThat(summary.records()).isEqualTo(2);
    }
}
