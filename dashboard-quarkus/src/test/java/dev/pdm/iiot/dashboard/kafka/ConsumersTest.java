package dev.pdm.iiot.dashboard.kafka;

import dev.pdm.iiot.dashboard.stats.IngestCounters;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.Severity;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static dev.pdm.iiot.dashboard.Fixtures.T0;
import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.Fixtures.readingJson;
import static dev.pdm.iiot.dashboard.Fixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;

class ConsumersTest {

    private final PlantView view = new PlantView(10);
    private final IngestCounters counters = new IngestCounters(Duration.ofSeconds(10));
    private final long now = Instant.now().toEpochMilli();

    @Test
    void aValidReadingUpdatesTheMachinesLiveValues() {
        final TelemetryConsumer consumer = new TelemetryConsumer(view, counters);

        consumer.accept("M1", readingJson("M1", T0, 71.5).getBytes(StandardCharsets.UTF_8), now);

        assertThat(view.reading("M1")).get().satisfies(r -> {
            assertThat(r.reading().value("temperature")).isEqualTo(71.5);
            assertThat(r.seenAt()).isEqualTo(Instant.ofEpochMilli(now));
        });
        assertThat(counters.readings()).isEqualTo(1);
    }

    @Test
    void anInvalidReadingIsCountedAndNotShown() {
        final TelemetryConsumer consumer = new TelemetryConsumer(view, counters);

        consumer.accept("M1", "{\"machine_id\":\"M1\",\"temperature\":NaN}".getBytes(StandardCharsets.UTF_8), now);
        consumer.accept("M2", readingJson("M1", T0, 70).getBytes(StandardCharsets.UTF_8), now);
        consumer.accept("M3", null, now);

        assertThat(view.readings()).isEmpty();
        assertThat(counters.readings()).isEqualTo(3);
        assertThat(counters.readingsRejected()).isEqualTo(3);
    }

    @Test
    void aStatusRecordBecomesTheMachinesStatusAndATombstoneRemovesIt() {
        final StatusConsumer consumer = new StatusConsumer(view, counters);

        consumer.accept("M1", EventJson.toBytes(scored("M1", MachineState.NORMAL, 0.3, 100, null)), now, 0, 0);
        assertThat(view.machine("M1")).get().extracting(m -> m.status().state()).isEqualTo(MachineState.NORMAL);

        consumer.accept("M1", null, now, 0, 1);
        assertThat(view.machine("M1")).isEmpty();
    }

    @Test
    void recordsThatAreNotTheContractsJsonAreCountedAndSkipped() {
        final StatusConsumer status = new StatusConsumer(view, counters);
        final AlertConsumer alerts = new AlertConsumer(view, counters);

        status.accept("M1", "not json".getBytes(StandardCharsets.UTF_8), now, 0, 0);
        alerts.accept("{\"alert_id\":\"x\"}".getBytes(StandardCharsets.UTF_8), 0, 0);
        alerts.accept(EventJson.toBytes(alert("M1", 1, AlertStatus.ACTIVE_UNACK, Severity.CRITICAL, T0)), 0, 1);

        assertThat(view.machines()).isEmpty();
        assertThat(view.alerts().size()).isEqualTo(1);
        assertThat(counters.undecodableRecords()).isEqualTo(2);
    }

    @Test
    void deadLettersAreCountedByReason() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, "NON_FINITE".getBytes(StandardCharsets.UTF_8));

        counters.deadLetter(DeadLetterConsumer.reason(headers));
        counters.deadLetter(DeadLetterConsumer.reason(new RecordHeaders()));

        assertThat(counters.deadLetters()).isEqualTo(2);
        assertThat(counters.deadLettersByReason()).containsEntry("NON_FINITE", 1L).containsEntry("UNKNOWN", 1L);
    }

    @Test
    void deadLetterReasonsBeyondTheBoundAreCountedAsOther() {
        for (int i = 0; i < IngestCounters.MAX_REASONS + 10; i++) {
            counters.deadLetter("REASON_" + i);
        }

        assertThat(counters.deadLettersByReason()).hasSize(IngestCounters.MAX_REASONS + 1)
                .containsEntry("OTHER", 10L);
        assertThat(counters.deadLetters()).isEqualTo(IngestCounters.MAX_REASONS + 10);
    }
}
