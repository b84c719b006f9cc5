package dev.pdm.iiot.dashboard.alerting;

import dev.pdm.iiot.dashboard.detector.DetectorClient;
import dev.pdm.iiot.dashboard.detector.StubDetector;
import dev.pdm.iiot.dashboard.view.AlertBook;
import dev.pdm.iiot.dashboard.view.AlertEntry;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.pdm.iiot.dashboard.Fixtures.T0;
import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

class AlertActionsTest {

    private final StubDetector detector = new StubDetector();
    private final AlertBook alerts = new AlertBook(10);
    private final List<AlertCommand> written = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @AfterEach
    void stop() {
        detector.close();
    }

    private AlertActions actions(final DetectorClient client, final boolean knownUnreachable, final boolean kafkaUp) {
        return new AlertActions(client, () -> knownUnreachable, alerts, command -> {
            if (!kafkaUp) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
            }
            written.add(command);
            return CompletableFuture.completedFuture(null);
        }, clock);
    }

    private DetectorClient reachable() {
        return new DetectorClient(detector.url(), Duration.ofSeconds(2));
    }

    private DetectorClient unreachable() {
        return new DetectorClient(StubDetector.nowhere(), Duration.ofSeconds(2));
    }

    private void known(final long n, final AlertStatus status) {
        alerts.put(new AlertEntry(n, alert("M1", n, status, Severity.WARNING, T0)));
    }

    @Test
    void anAckGoesThroughTheDetectorWhenItAnswers() {
        detector.answer("POST /alerts/M1:ANOMALY:1/ack", StubDetector.Answer.of(202,
                "{\"alert_id\":\"M1:ANOMALY:1\",\"machine_id\":\"M1\",\"action\":\"ACK\",\"by\":\"maria\","
                        + "\"at\":\"2025-11-21T21:30:00Z\"}"));

        final ActionOutcome outcome = actions(reachable(), false, true)
                .act("M1:ANOMALY:1", AlertCommand.Action.ACK, "maria").toCompletableFuture().join();

        assertThat(outcome.result()).isEqualTo(ActionOutcome.Result.ACCEPTED);
        assertThat(outcome.via()).isEqualTo(ActionOutcome.VIA_DETECTOR);
        assertThat(detector.requests).singleElement().extracting(StubDetector.Request::onBehalfOf).isEqualTo("maria");
        assertThat(written).isEmpty();
    }

    @Test
    void theDetectorsRefusalsArePassedOnAndNothingIsWritten() {
        detector.answer("POST /alerts/M1:ANOMALY:2/clear", StubDetector.Answer.of(409, "{}"));
        final AlertActions actions = actions(reachable(), false, true);

        assertThat(actions.act("M1:ANOMALY:1", AlertCommand.Action.ACK, "olga").toCompletableFuture().join().result())
                .isEqualTo(ActionOutcome.Result.NOT_FOUND);
        assertThat(actions.act("M1:ANOMALY:2", AlertCommand.Action.CLEAR, "olga").toCompletableFuture().join().result())
                .isEqualTo(ActionOutcome.Result.CONFLICT);
        assertThat(written).isEmpty();
    }

    @Test
    void whenTheDetectorDoesNotAnswerTheDashboardWritesTheCommandItself() {
        known(1, AlertStatus.ACTIVE_UNACK);

        final ActionOutcome outcome = actions(unreachable(), false, true)
                .act("M1:ANOMALY:1", AlertCommand.Action.ACK, "maria").toCompletableFuture().join();

        assertThat(outcome.result()).isEqualTo(ActionOutcome.Result.ACCEPTED);
        assertThat(outcome.via()).isEqualTo(ActionOutcome.VIA_KAFKA);
        assertThat(written).containsExactly(
                new AlertCommand("M1:ANOMALY:1", "M1", AlertCommand.Action.ACK, "maria", T0));
    }

    @Test
    void aDetectorKnownToBeUnreachableIsNotAskedAtAll() {
        known(1, AlertStatus.ACTIVE_ACK);

        final ActionOutcome outcome = actions(reachable(), true, true)
                .act("M1:ANOMALY:1", AlertCommand.Action.CLEAR, "olga").toCompletableFuture().join();

        assertThat(outcome.result()).isEqualTo(ActionOutcome.Result.ACCEPTED);
        assertThat(detector.requests).isEmpty();
        assertThat(written).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(AlertCommand.Action.CLEAR);
            assertThat(c.by()).isEqualTo("olga");
        });
    }

    @Test
    void aDetectorErrorFallsBackToKafkaToo() {
        detector.answer("POST /alerts/M1:ANOMALY:1/ack", StubDetector.Answer.of(503, ""));
        known(1, AlertStatus.ACTIVE_UNACK);

        final ActionOutcome outcome = actions(reachable(), false, true)
                .act("M1:ANOMALY:1", AlertCommand.Action.ACK, "x").toCompletableFuture().join();

        assertThat(outcome.via()).isEqualTo(ActionOutcome.VIA_KAFKA);
        assertThat(written).hasSize(1);
    }

    @Test
    void withoutTheDetectorUnknownAndClearedAlertsAreRefusedByTheDashboardsOwnView() {
        known(2, AlertStatus.CLEARED);
        final AlertActions actions = actions(unreachable(), true, true);

        assertThat(actions.act("M1:ANOMALY:1", AlertCommand.Action.ACK, "olga").toCompletableFuture().join().result())
                .isEqualTo(ActionOutcome.Result.NOT_FOUND);
        assertThat(actions.act("M1:ANOMALY:2", AlertCommand.Action.ACK, "olga").toCompletableFuture().join().result())
                .isEqualTo(ActionOutcome.Result.CONFLICT);
        assertThat(written).isEmpty();
    }

    @Test
    void anAckThatNeitherTheDetectorNorKafkaTookIsReportedAsNotRecorded() {
        known(1, AlertStatus.ACTIVE_UNACK);

        final ActionOutcome outcome = actions(unreachable(), true, false)
                .act("M1:ANOMALY:1", AlertCommand.Action.ACK, "maria").toCompletableFuture().join();

        assertThat(outcome.result()).isEqualTo(ActionOutcome.Result.NOT_RECORDED);
        assertThat(outcome.result().httpStatus()).isEqualTo(503);
        assertThat(outcome.detail()).contains("not recorded").contains("broker down");
    }

    @Test
    void somethingThatIsNotAnAlertIdIsABadRequest() {
        final ActionOutcome outcome = actions(reachable(), false, true)
                .act("no-colon", AlertCommand.Action.ACK, "olga").toCompletableFuture().join();

        assertThat(outcome.result()).isEqualTo(ActionOutcome.Result.BAD_REQUEST);
        assertThat(detector.requests).isEmpty();
    }
}
