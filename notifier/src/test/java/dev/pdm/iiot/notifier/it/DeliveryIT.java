package dev.pdm.iiot.notifier.it;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.localstack.quarkus.LocalStackResource;
import dev.pdm.iiot.notifier.delivery.Dispatcher;
import dev.pdm.iiot.notifier.intake.AlertIntake;
import dev.pdm.iiot.notifier.store.DeliveryQueue;
import dev.pdm.iiot.notifier.store.DeliveryStatus;
import dev.pdm.iiot.notifier.store.Notification;
import dev.pdm.iiot.notifier.store.NotificationKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import static dev.pdm.iiot.notifier.it.AlertStates.raised;
import static dev.pdm.iiot.notifier.it.AlertStates.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Delivery: each intended notification sent once however often its records are processed and
 * however many senders claim at once; a failing receiver retried with backoff until given up, and
 * the failure visible. The same app, brokers and {@link TestClock} as {@link NotificationIT}.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(NotifierTestResource.class)
class DeliveryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    TestClock clock;

    @Inject
    DeliveryQueue queue;

    @Inject
    AlertIntake intake;

    @Inject
    Dispatcher dispatcher;

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void aSecondInstanceReadingTheSameRecordsSendsNoDuplicate() throws Exception {
        final Instant t = clock.instant();
        final Alert alert = raised("MAIL_4", 1, Severity.CRITICAL, t);
        KafkaAlerts.send(alert, updated(alert, 2, t.plusSeconds(5)));
        Mails.awaitReceived(() -> Mails.to("ops@plant.test", "ANOMALY on MAIL_4: raised").size() == 1
                && webhooks("MAIL_4:ANOMALY:1").size() == 1, clock, queue);

        // what a restarted notifier or a second instance does with records read again: two at once
        final List<Alert> again = KafkaAlerts.readAll("MAIL_4", 2, PATIENCE);
        assertThat(again).hasSize(2);
        final CyclicBarrier together = new CyclicBarrier(2);
        final List<CompletableFuture<Integer>> instances = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                        for (final Alert state : again) {
                            intake.accept(state);
                        }
                        return dispatcher.tick();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        for (final CompletableFuture<Integer> instance : instances) {
            instance.get();
        }
        dispatcher.tick();

        assertThat(Mails.to("ops@plant.test", "MAIL_4")).hasSize(1);
        assertThat(webhooks("MAIL_4:ANOMALY:1")).hasSize(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(queue.ofAlert("MAIL_4:ANOMALY:1"))
                .extracting(Notification::kind, Notification::status)
                .containsExactlyInAnyOrder(
                        tuple(NotificationKind.RAISED, DeliveryStatus.SENT),
                        tuple(NotificationKind.RAISED, DeliveryStatus.SENT),
                        tuple(NotificationKind.ESCALATED, DeliveryStatus.PENDING)));
    }

    @Test
    void twoSendersClaimingAtOnceSendEachNotificationOnce() throws Exception {
        final Instant t = clock.instant();
        for (int m = 0; m < 10; m++) {
            intake.accept(raised("MAIL_RACE_" + m, 1, Severity.CRITICAL, t));
        }
        final CyclicBarrier together = new CyclicBarrier(2);
        final List<CompletableFuture<Integer>> senders = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                        return dispatcher.tick();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        for (final CompletableFuture<Integer> sender : senders) {
            sender.get();
        }

        Mails.awaitReceived(() -> IntStream.range(0, 10).allMatch(m -> !Mails.to("ops@plant.test", "ANOMALY on MAIL_RACE_" + m + ":")
                .isEmpty() && !webhooks("MAIL_RACE_" + m + ":ANOMALY:1").isEmpty()), clock, queue);
        for (int m = 0; m < 10; m++) {
            assertThat(Mails.to("ops@plant.test", "ANOMALY on MAIL_RACE_" + m + ":")).hasSize(1);
            assertThat(webhooks("MAIL_RACE_" + m + ":ANOMALY:1")).hasSize(1);
        }
    }

    @Test
    void aFailingWebhookIsRetriedWithBackoffAndItsFailureIsVisible() throws Exception {
        final Instant t = clock.instant();
        KafkaAlerts.send(raised("FLAKY_1", 1, Severity.WARNING, t));
        await().atMost(PATIENCE).until(() -> attempts("FLAKY_1:ANOMALY:1") == 1);
        assertThat(failures()).hasSize(1);
        final Notification first = queue.ofAlert("FLAKY_1:ANOMALY:1").get(0);
        assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("HTTP 500");
        assertThat(first.nextAttemptAt()).isEqualTo(t.plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofSeconds(59));
        dispatcher.tick();
        assertThat(failures()).hasSize(1);

        // then after 1, 2 and 4 minutes: the fourth attempt is the last
        for (final int minutes : new int[] {1, 2, 4}) {
            final int before = attempts("FLAKY_1:ANOMALY:1");
            clock.advance(Duration.ofMinutes(minutes));
            await().atMost(PATIENCE).until(() -> attempts("FLAKY_1:ANOMALY:1") == before + 1);
        }
        assertThat(failures()).hasSize(4);
        assertThat(queue.ofAlert("FLAKY_1:ANOMALY:1").get(0).status()).isEqualTo(DeliveryStatus.FAILED);
        clock.advance(Duration.ofHours(1));
        dispatcher.tick();
        assertThat(failures()).hasSize(4);

        RestAssured.given().auth().preemptive().basic(NotifierTestResource.VIEWER,
                        NotifierTestResource.password(NotifierTestResource.VIEWER))
                .get("/notifications?status=failed")
                .then().statusCode(200)
                .body("alert_id", hasItem("FLAKY_1:ANOMALY:1"))
                .body("find { it.alert_id == 'FLAKY_1:ANOMALY:1' }.attempts", is(4))
                .body("find { it.alert_id == 'FLAKY_1:ANOMALY:1' }.last_error",
                        containsString("HTTP 500"))
                .body("find { it.alert_id == 'FLAKY_1:ANOMALY:1' }.recipient",
                        not(containsString("/fail")));
        RestAssured.given().get("/notifications?status=failed").then().statusCode(401);
        RestAssured.given().get(management.resolve("/q/metrics")).then().statusCode(200)
                .body(containsString("notifier_notifications_failed"))
                .body(containsString("outcome=\"failed\""));
    }

    private static List<WebhookServer.Received> webhooks(final String alertId) {
        return NotifierTestResource.webhooks().received("/hook", "\"" + alertId + "\"");
    }

    private static List<WebhookServer.Received> failures() {
        return NotifierTestResource.webhooks().received("/fail", "FLAKY_1:ANOMALY:1");
    }

    /** The attempts of the alert's one notification; -1 before it is recorded. */
    private int attempts(final String alertId) throws Exception {
        final List<Notification> recorded = queue.ofAlert(alertId);
        return recorded.isEmpty() ? -1 : recorded.get(0).attempts();
    }
}
