package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static dev.pdm.iiot.events.model.AlertStatus.ACTIVE_ACK;
import static dev.pdm.iiot.events.model.AlertStatus.ACTIVE_UNACK;
import static dev.pdm.iiot.events.model.AlertStatus.CLEARED;
import static dev.pdm.iiot.platform.chaos.audit.Alerts.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

class AlertAuditTest {

    private final AlertAudit audit = new AlertAudit();

    @Test
    void findsNothingInAnEpisodeRaisedUpdatedAcknowledgedAndClearedThenTheNext() {
        audit.accept(anomaly(1, ACTIVE_UNACK, 3, 0));
        audit.accept(anomaly(1, ACTIVE_UNACK, 4, 1));
        audit.accept(anomaly(1, ACTIVE_ACK, 4, 2));
        audit.accept(anomaly(1, ACTIVE_ACK, 5, 3));
        audit.accept(anomaly(1, CLEARED, 5, 4));
        audit.accept(anomaly(2, ACTIVE_UNACK, 3, 10));
        audit.accept(Alerts.state("M1", Alert.TYPE_DEGRADATION, 1, ACTIVE_UNACK, 1, 11));

        final AlertAudit.Summary summary = audit.summary();

        assertThat(summary.duplicates()).isZero();
        assertThat(summary.records()).isEqualTo(7);
        assertThat(summary.alerts()).isEqualTo(3);
    }

    @Test
    void findsTwoAlertsOfOneMachineAndTypeOpenAtOnce() {
        audit.accept(anomaly(1, ACTIVE_UNACK, 3, 0));
        audit.accept(anomaly(2, ACTIVE_UNACK, 3, 1));

        final AlertAudit.Summary summary = audit.summary();

        assertThat(summary.byKind()).containsEntry(AlertAudit.Kind.CONCURRENT_OPEN, 1L);
        assertThat(summary.examples().get(0).alertIds()).containsExactly("M1:ANOMALY:1", "M1:ANOMALY:2");
    }

    @Test
    void findsAnAlertRaisedAgainAfterItWasCleared() {
        audit.accept(anomaly(1, ACTIVE_UNACK, 3, 0));
        audit.accept(anomaly(1, CLEARED, 3, 1));
        audit.accept(anomaly(1, ACTIVE_UNACK, 3, 2));

        assertThat(audit.summary().byKind()).containsOnlyKeys(AlertAudit.Kind.REOPENED);
    }

    @Test
    void findsAnAlertNumberGoingBack() {
        audit.accept(anomaly(4, ACTIVE_UNACK, 3, 0));
        audit.accept(anomaly(4, CLEARED, 3, 1));
        audit.accept(anomaly(2, ACTIVE_UNACK, 3, 2));

        final AlertAudit.Summary summary = audit.summary();

        assertThat(summary.byKind()).containsOnlyKeys(AlertAudit.Kind.NUMBER_WENT_BACK);
        assertThat(summary.examples().get(0).alertIds()).containsExactly("M1:ANOMALY:4", "M1:ANOMALY:2");
    }

    @Test
    void findsAnOlderStatePublishedAgain() {
        audit.accept(anomaly(1, ACTIVE_UNACK, 3, 0));
        audit.accept(anomaly(1, ACTIVE_UNACK, 4, 1));
        audit.accept(anomaly(1, ACTIVE_ACK, 4, 2));
        audit.accept(anomaly(1, ACTIVE_UNACK, 4, 3));

        assertThat(audit.summary().byKind()).containsOnlyKeys(AlertAudit.Kind.WENT_BACK);
    }

    @Test
    void findsACountGoingBack() {
        audit.accept(anomaly(1, ACTIVE_UNACK, 5, 0));
        audit.accept(anomaly(1, ACTIVE_UNACK, 2, 1));

        assertThat(audit.summary().byKind()).containsOnlyKeys(AlertAudit.Kind.WENT_BACK);
    }

    @Test
    void findsTheSameStateRecordTwice() {
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(KafkaTopics.ALERTS, 0, 0, null,
                EventJson.toBytes(anomaly(1, ACTIVE_UNACK, 3, 0)));
        audit.onRecord(record);
        audit.onRecord(record);

        final AlertAudit.Summary summary = audit.summary();

        assertThat(summary.byKind()).containsOnlyKeys(AlertAudit.Kind.REPEATED);
        assertThat(summary.duplicates()).isEqualTo(1);
    }

    @Test
    void keepsMachinesApartAndCountsUnreadableRecords() {
        audit.accept(anomaly(1, ACTIVE_UNACK, 3, 0));
        audit.accept(Alerts.state("M2", Alert.TYPE_ANOMALY, 1, ACTIVE_UNACK, 3, 0));
        audit.onRecord(new ConsumerRecord<>(KafkaTopics.ALERTS, 0, 0, null, "not json".getBytes()));

        final AlertAudit.Summary summary = audit.summary();

        assertThat(summary.duplicates()).isZero();
        assertThat(summary.unreadable()).isEqualTo(1);
    }

    @Test
    void namesAtMostItsCapOfDuplicatesButCountsThemAll() {
        for (int i = 0; i < AlertAudit.EXAMPLES + 10; i++) {
            audit.accept(anomaly(i + 1, ACTIVE_UNACK, 1, i));
        }

        final AlertAudit.Summary summary = audit.summary();

        assertThat(summary.duplicates()).isEqualTo(AlertAudit.EXAMPLES + 9);
        assertThat(summary.examples()).hasSize(AlertAudit.EXAMPLES);
    }
}
