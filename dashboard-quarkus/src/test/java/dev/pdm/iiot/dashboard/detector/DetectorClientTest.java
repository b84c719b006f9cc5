package dev.pdm.iiot.dashboard.detector;

import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.ScoredReading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorClientTest {

    private final StubDetector detector = new StubDetector();
    private final DetectorClient client = new DetectorClient(detector.url(), Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        detector.close();
    }

    @Test
    void readsAMachinesRecentScoredReadingsOldestFirst() {
        detector.answer("GET /machines/MACHINE_001/readings?last=2", StubDetector.Answer.of(200, """
                [{"reading":{"machine_id":"MACHINE_001","timestamp":"2025-11-21T21:28:03Z","temperature":65.1},
                  "score":0.41,"threshold":0.58,"anomaly":false,"model_version":1},
                 {"reading":{"machine_id":"MACHINE_001","timestamp":"2025-11-21T21:28:04Z","temperature":91.0},
                  "score":0.77,"threshold":0.58,"anomaly":true,"model_version":1}]"""));

        final List<ScoredReading> readings = client.readings("MACHINE_001", 2).join();

        assertThat(readings).hasSize(2);
        assertThat(readings.get(1).anomaly()).isTrue();
        assertThat(readings.get(1).reading().value("temperature")).isEqualTo(91.0);
    }

    @Test
    void aMachineTheDetectorDoesNotKnowHasNoHistory() {
        assertThat(client.readings("M9", 10).join()).isEmpty();
    }

    @Test
    void historyFromADetectorThatDoesNotAnswerFailsAsUnavailable() {
        final DetectorClient away = new DetectorClient(StubDetector.nowhere(), Duration.ofSeconds(2));

        assertThatThrownBy(() -> away.readings("M1", 10).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(DetectorUnavailableException.class);
    }

    @Test
    void anAcceptedAckReturnsTheCommandTheDetectorWrote() {
        detector.answer("POST /alerts/M1:ANOMALY:3/ack", StubDetector.Answer.of(202,
                "{\"alert_id\":\"M1:ANOMALY:3\",\"machine_id\":\"M1\",\"action\":\"ACK\",\"by\":\"maria\","
                        + "\"at\":\"2025-11-21T21:30:00Z\"}"));

        final CommandReply reply = client.command("M1:ANOMALY:3", AlertCommand.Action.ACK, "maria").join();

        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.ACCEPTED);
        assertThat(reply.command().by()).isEqualTo("maria");
        assertThat(detector.requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.onBehalfOf()).isEqualTo("maria");
            assertThat(r.body()).isEmpty();
        });
    }

    @Test
    void theDashboardSignsInWithItsServiceAccountAndNamesItsUser() {
        detector.answer("POST /alerts/M1:ANOMALY:6/ack", StubDetector.Answer.of(202, ""));
        detector.answer("GET /machines/M1/readings?last=5", StubDetector.Answer.of(200, "[]"));
        final DetectorClient signedIn = new DetectorClient(detector.url(), detector.url().resolve("/q/health/ready"),
                Duration.ofSeconds(2), ServiceAccount.of(Optional.of("dashboard"), Optional.of("s3cret")));

        signedIn.command("M1:ANOMALY:6", AlertCommand.Action.ACK, "olga").join();
        signedIn.readings("M1", 5).join();

        assertThat(detector.requests).hasSize(2).allSatisfy(r ->
                assertThat(r.authorization()).isEqualTo("Basic ZGFzaGJvYXJkOnMzY3JldA=="));
        assertThat(detector.requests.get(0).onBehalfOf()).isEqualTo("olga");
        assertThat(ServiceAccount.of(Optional.of("dashboard"), Optional.of("s3cret")).orElseThrow())
                .hasToString("ServiceAccount[dashboard]");
    }

    @Test
    void aRefusedServiceAccountIsARejectionNamingTheSettingsNotAnOutage() {
        detector.answer("POST /alerts/M1:ANOMALY:7/ack", StubDetector.Answer.of(401, ""));
        detector.answer("GET /machines/M1/readings?last=5", StubDetector.Answer.of(403, ""));

        final CommandReply reply = client.command("M1:ANOMALY:7", AlertCommand.Action.ACK, "olga").join();

        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.REJECTED);
        assertThat(reply.detail()).contains("dashboard.detector.username");
        assertThatThrownBy(() -> client.readings("M1", 5).join()).hasCauseInstanceOf(DetectorUnavailableException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void unknownAndAlreadyClearedAlertsAreReportedAsTheDetectorSaidThem() {
        detector.answer("POST /alerts/M1:ANOMALY:4/clear", StubDetector.Answer.of(409, "{\"error\":\"cleared\"}"));

        assertThat(client.command("M1:ANOMALY:5", AlertCommand.Action.ACK, "x").join().outcome())
                .isEqualTo(CommandReply.Outcome.NOT_FOUND);
        assertThat(client.command("M1:ANOMALY:4", AlertCommand.Action.CLEAR, "x").join().outcome())
                .isEqualTo(CommandReply.Outcome.CONFLICT);
    }

    @Test
    void aServerErrorOrNoAnswerMeansUnavailable() {
        detector.answer("POST /alerts/M1:ANOMALY:1/ack", StubDetector.Answer.of(503, ""));
        final DetectorClient away = new DetectorClient(StubDetector.nowhere(), Duration.ofSeconds(2));

        assertThat(client.command("M1:ANOMALY:1", AlertCommand.Action.ACK, "x").join().outcome())
                .isEqualTo(CommandReply.Outcome.UNAVAILABLE);
        assertThat(away.command("M1:ANOMALY:1", AlertCommand.Action.ACK, "x").join().outcome())
                .isEqualTo(CommandReply.Outcome.UNAVAILABLE);
    }

    @Test
    void aDetectorSlowerThanTheTimeoutIsUnavailable() {
        detector.answer("POST /alerts/M1:ANOMALY:1/ack", new StubDetector.Answer(202, "", 3_000));
        final DetectorClient impatient = new DetectorClient(detector.url(), Duration.ofMillis(300));

        final CommandReply reply = impatient.command("M1:ANOMALY:1", AlertCommand.Action.ACK, "x").join();

        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.UNAVAILABLE);
        assertThat(reply.detail()).containsIgnoringCase("timed out");
    }

    @Test
    void whenTheInstanceKeptToDiesTheNextAnswersAndIsKept() {
        try (StubDetector second = new StubDetector()) {
            final String path = "GET /machines/M1/readings?last=1";
            final String one = "[{\"reading\":{\"machine_id\":\"M1\",\"timestamp\":\"2025-11-21T21:28:03Z\","
                    + "\"temperature\":65.1},\"score\":0.41,\"threshold\":0.58,\"anomaly\":false,\"model_version\":1}]";
            detector.answer(path, StubDetector.Answer.of(200, one));
            second.answer(path, StubDetector.Answer.of(200, one));
            final DetectorClient both = new DetectorClient(List.of(instance(detector), instance(second)),
                    Duration.ofSeconds(2), Optional.empty());

            assertThat(both.readings("M1", 1).join()).hasSize(1);
            assertThat(both.base()).isEqualTo(instance(detector).base());
            detector.close();

            assertThat(both.readings("M1", 1).join()).as("from the second").hasSize(1);
            assertThat(both.base()).isEqualTo(instance(second).base());
            assertThat(both.command("M1:ANOMALY:1", AlertCommand.Action.ACK, "x").join().outcome())
                    .as("asked of the second at once").isEqualTo(CommandReply.Outcome.NOT_FOUND);
            assertThat(second.requests).hasSize(2);
        }
    }

    @Test
    void readinessMovesToAReadyInstanceAndFailsOnlyWhenNoneAnswers() {
        try (StubDetector second = new StubDetector()) {
            detector.answer("GET /q/health/ready", StubDetector.Answer.of(503, "{\"status\":\"DOWN\"}"));
            second.answer("GET /q/health/ready", StubDetector.Answer.of(200, "{\"status\":\"UP\"}"));
            final DetectorClient both = new DetectorClient(List.of(instance(detector), instance(second)),
                    Duration.ofSeconds(2), Optional.empty());

            assertThat(both.readiness().join()).isEqualTo(200);
            assertThat(both.base()).as("the ready one is kept to").isEqualTo(instance(second).base());

            second.answer("GET /q/health/ready", StubDetector.Answer.of(503, "{\"status\":\"DOWN\"}"));
            assertThat(both.readiness().join()).as("none ready: the first answer").isEqualTo(503);

            second.close();
            detector.close();
            assertThatThrownBy(() -> both.readiness().join()).hasCauseInstanceOf(DetectorUnavailableException.class)
                    .hasMessageContaining("none of the detectors at");
        }
    }

    @Test
    void oneReadinessUrlPerDetectorIsRequired() {
        final URI a = URI.create("http://a:8081");
        final URI b = URI.create("http://b:8081");

        assertThat(DetectorClient.instances(List.of(a, b), List.of(URI.create("http://a:9001/r"),
                URI.create("http://b:9001/r")))).extracting(DetectorClient.Instance::base)
                .containsExactly(URI.create("http://a:8081/"), URI.create("http://b:8081/"));
        assertThatThrownBy(() -> DetectorClient.instances(List.of(a, b), List.of(URI.create("http://a:9001/r"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dashboard.detector.url names 2").hasMessageContaining("health-url 1");
    }

    private static DetectorClient.Instance instance(final StubDetector stub) {
        return new DetectorClient.Instance(stub.url(), stub.url().resolve("/q/health/ready"));
    }

    @Test
    void readinessIsTheStatusOfTheHealthEndpoint() {
        detector.answer("GET /q/health/ready", StubDetector.Answer.of(200, "{\"status\":\"UP\"}"));

        assertThat(client.readiness().join()).isEqualTo(200);
    }

    @Test
    void pathSegmentsAreEncoded() {
        assertThat(PathSegments.encode("M1:ANOMALY:1")).isEqualTo("M1:ANOMALY:1");
        assertThat(PathSegments.encode("a b/c?d")).isEqualTo("a%20b%2Fc%3Fd");
    }
}
