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
import static dev.pdm.iiot.dashboard.Fixtures.normal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConsumersTest {

    private final PlantView view = new PlantView(10);
    private final IngestCounters counters = new IngestCounters(Duration.ofSeconds(10));
    private final long now = Instant.now().toEpochMilli();

    @Test
    void aStatusRecordBecomesTheMachinesStatusAndLiveValuesAndATombstoneRemovesIt() {
        final StatusConsumer consumer = new StatusConsumer(view, counters);

        consumer.accept("M1", EventJson.toBytes(normal("M1", 100, 71.5)), now, 0, 0);
        assertThat(view.machine("M1")).get().satisfies(m -> {
            assertThat(m.status().state()).isEqualTo(MachineState.NORMAL);
            assertThat(m.status().lastReading().value("temperature")).isEqualTo(71.5);
            assertThat(m.seenAt()).isEqualTo(Instant.ofEpochMilli(now));
        });

        consumer.accept("M1", null, now, 0, 1);
        assertThat(view.machine("M1")).isEmpty();
    }

    @Test
    void theReadingRateIsTheGrowthOfTheMachinesReadingCountsWhenTheDetectorAcceptedThem() {
        final StatusConsumer consumer = new StatusConsumer(view, counters);
        // given a status a second per machine: M1 accepts 5 readings a second, M2 3
        for (int s = 0; s <= 20; s++) {
            final Instant at = T0.plusSeconds(s).plusMillis(500);
            consumer.accept("M1", EventJson.toBytes(normal("M1", 1_000 + 5L * s, 70, at)), at.toEpochMilli(), 0, s);
            consumer.accept("M2", EventJson.toBytes(normal("M2", 50_000 + 3L * s, 70, at)), at.toEpochMilli(), 1, s);
        }
        // a machine's first status (an all-time count) and a status without new readings add nothing
        final Instant at = T0.plusSeconds(15).plusMillis(700);
        consumer.accept("M3", EventJson.toBytes(normal("M3", 1_000_000, 70, at)), at.toEpochMilli(), 2, 0);
        consumer.accept("M1", EventJson.toBytes(normal("M1", 1_100, 70, at)), at.toEpochMilli(), 0, 21);

        // then: the complete seconds of the window (10 s) that ended SETTLE (2 s) ago
        assertThat(counters.readingsPerSecond(T0.plusSeconds(22).toEpochMilli())).isCloseTo(8.0, within(1e-9));
        // statuses read again at a later start are history, not a rate
        assertThat(counters.readingsPerSecond(T0.plusSeconds(3_600).toEpochMilli())).isZero();
    }

    @Test
    void withoutUpdatedAtTheRecordTimeDatesTheReadings() {
        final StatusConsumer consumer = new StatusConsumer(view, counters);
        final long t = T0.toEpochMilli();

        consumer.accept("M1", EventJson.toBytes(normal("M1", 10, 70, null)), t, 0, 0);
        consumer.accept("M1", EventJson.toBytes(normal("M1", 40, 70, null)), t + 1_000, 0, 1);

        // 30 readings in the second T0 + 1, the only complete second since the first status
        assertThat(counters.readingsPerSecond(t + 4_000)).isCloseTo(30.0, within(1e-9));
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
