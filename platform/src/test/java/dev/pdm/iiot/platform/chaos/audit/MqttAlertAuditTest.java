package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import dev.pdm.iiot.events.model.Alert;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static dev.pdm.iiot.events.model.AlertStatus.ACTIVE_UNACK;
import static dev.pdm.iiot.events.model.AlertStatus.CLEARED;
import static dev.pdm.iiot.platform.chaos.audit.Alerts.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

class MqttAlertAuditTest {

    private static final String NODE_A = "tcp://localhost:1883";
    private static final String NODE_B = "tcp://localhost:1884";

    private final Alert raised = anomaly(1, ACTIVE_UNACK, 3, 0);
    private final Alert cleared = anomaly(1, CLEARED, 3, 5);

    private static Set<AlertIdentity> seen(final Alert... alerts) {
        final java.util.HashSet<AlertIdentity> seen = new java.util.HashSet<>();
        for (final Alert a : alerts) {
            seen.add(AlertIdentity.of(a, PayloadFormat.UNCHANGED));
        }
        return seen;
    }

    @Test
    void findsAStateThatOneNodeNeverReceived() {
        // given a raise and a clear on Kafka; node A got both, node B only the raise
        final MqttAlertAudit audit = new MqttAlertAudit(PayloadFormat.UNCHANGED);
        audit.accept(raised);
        audit.accept(cleared);
        final Map<String, Set<AlertIdentity>> byNode = new LinkedHashMap<>();
        byNode.put(NODE_A, seen(raised, cleared));
        byNode.put(NODE_B, seen(raised));

        // when compared
        final MqttAlertAudit.Summary summary = audit.compare(byNode);

        // then the clear is missing on B, and nowhere else
        assertThat(summary.alertStates()).isEqualTo(2);
        assertThat(summary.missingSomewhere()).isEqualTo(1);
        assertThat(summary.missingEverywhere()).isZero();
        assertThat(summary.missingByNode()).containsEntry(NODE_B, 1L).containsEntry(NODE_A, 0L);
        assertThat(summary.examples()).singleElement().asString().contains("CLEARED").contains(NODE_B);
    }

    @Test
    void needsARecordSeenTwiceOnKafkaOnlyOnce() {
        final MqttAlertAudit audit = new MqttAlertAudit(PayloadFormat.UNCHANGED);
        audit.accept(raised);
        audit.accept(raised);

        final MqttAlertAudit.Summary summary = audit.compare(Map.of(NODE_A, seen(raised)));

        assertThat(summary.alertStates()).isEqualTo(1);
        assertThat(summary.missingSomewhere()).isZero();
    }

    @Test
    void countsEverythingMissingWhenNoNodeWasWatched() {
        final MqttAlertAudit audit = new MqttAlertAudit(PayloadFormat.UNCHANGED);
        audit.accept(raised);

        assertThat(audit.compare(Map.of()).missingSomewhere()).isEqualTo(1);
    }

    @Test
    void tellsTheStatesApartOnlyByIdAndTimeInThePrototypeFormat() {
        // the prototype's payload has no status nor count: a state is its alert id and time
        final Alert acknowledgedAtTheSameTime = raised.withStatus(dev.pdm.iiot.events.model.AlertStatus.ACTIVE_ACK,
                raised.timestamp(), "maria", raised.timestamp(), null, null);

        assertThat(AlertIdentity.of(acknowledgedAtTheSameTime, PayloadFormat.PROTOTYPE))
                .isEqualTo(AlertIdentity.of(raised, PayloadFormat.PROTOTYPE));
        assertThat(AlertIdentity.of(acknowledgedAtTheSameTime, PayloadFormat.UNCHANGED))
                .isNotEqualTo(AlertIdentity.of(raised, PayloadFormat.UNCHANGED));
    }

    @Test
    void readsThePayloadFormatOfThePlatformsAlertSink() {
        assertThat(AlertIdentity.sinkFormat()).isEqualTo(PayloadFormat.UNCHANGED);
    }
}
