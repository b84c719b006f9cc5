package dev.pdm.iiot.notifier.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.localstack.quarkus.LocalStackResource;
import dev.pdm.iiot.notifier.delivery.Dispatcher;
import dev.pdm.iiot.notifier.intake.DigestPeriods;
import dev.pdm.iiot.notifier.store.DeliveryQueue;
import dev.pdm.iiot.notifier.store.DeliveryStatus;
import dev.pdm.iiot.notifier.store.Notification;
import dev.pdm.iiot.notifier.store.NotificationKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.pdm.iiot.notifier.it.AlertStates.acknowledged;
import static dev.pdm.iiot.notifier.it.AlertStates.cleared;
import static dev.pdm.iiot.notifier.it.AlertStates.raised;
import static dev.pdm.iiot.notifier.it.AlertStates.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts on the in-process Kafka, through the notifier, to a real SMTP server, a real HTTP server and
 * a real PostgreSQL; time is the {@link TestClock}'s, moved by the tests, never slept.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(NotifierTestResource.class)
class NotificationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @Inject
    DeliveryQueue queue;

    @Inject
    Dispatcher dispatcher;

    @Test
    void aCriticalAlertSendsOneMailAndOneWebhookAndItsUpdatesWithinTheSilentPeriodNone() throws Exception {
        final Instant t = clock.instant();
        final Alert alert = raised("MAIL_1", 1, Severity.CRITICAL, t);
        KafkaAlerts.send(alert, updated(alert, 2, t.plusSeconds(10)), updated(alert, 3, t.plusSeconds(20)),
                cleared(alert, t.plusSeconds(60)));

        // the clear is told as resolved: every earlier state of the alert has been read by then
        Mails.awaitReceived(() -> Mails.to("ops@plant.test", "ANOMALY on MAIL_1: resolved").size() == 1
                && Mails.to("ops@plant.test", "ANOMALY on MAIL_1: raised").size() == 1, clock, queue);
        final List<Mails.Mail> raisedMails = Mails.to("ops@plant.test", "ANOMALY on MAIL_1: raised");
        assertThat(raisedMails).hasSize(1);
        assertThat(raisedMails.get(0).subject()).isEqualTo("[CRITICAL] ANOMALY on MAIL_1: raised");
        assertThat(raisedMails.get(0).body())
                .contains("MAIL_1:ANOMALY:1", "Temperature exceeds safe threshold",
                        NotifierTestResource.DASHBOARD + "/?alert=MAIL_1%3AANOMALY%3A1");
        await().atMost(PATIENCE).until(() -> webhooks("MAIL_1:ANOMALY:1").size() == 2);
        final List<WebhookServer.Received> calls = webhooks("MAIL_1:ANOMALY:1");
        final JsonNode raise = JSON.readTree(calls.get(0).body());
        assertThat(raise.path("kind").asText()).isEqualTo("RAISED");
        assertThat(raise.path("link").asText()).isEqualTo(NotifierTestResource.DASHBOARD + "/?alert=MAIL_1%3AANOMALY%3A1");
        assertThat(raise.path("alert").path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(calls.get(0).contentType()).isEqualTo("application/json");
        assertThat(calls.get(0).idempotencyKey()).startsWith("notification-");
        assertThat(JSON.readTree(calls.get(1).body()).path("kind").asText()).isEqualTo("RESOLVED");
        // cleared in time: its escalation was never due
        assertThat(statuses("MAIL_1:ANOMALY:1", NotificationKind.ESCALATED)).containsExactly(DeliveryStatus.CANCELLED);

        // the next episode of the machine and type, 5 minutes later: within the silent period
        final Alert next = raised("MAIL_1", 2, Severity.CRITICAL, t.plus(Duration.ofMinutes(5)));
        KafkaAlerts.send(next, updated(next, 2, t.plus(Duration.ofMinutes(6))));
        await().atMost(PATIENCE).until(() -> statuses("MAIL_1:ANOMALY:2", NotificationKind.RAISED).size() == 2);
        assertThat(statuses("MAIL_1:ANOMALY:2", NotificationKind.RAISED))
                .containsOnly(DeliveryStatus.SUPPRESSED);
        assertThat(statuses("MAIL_1:ANOMALY:2", NotificationKind.ESCALATED)).isEmpty();
        dispatcher.tick();
        assertThat(Mails.to("ops@plant.test", "MAIL_1")).hasSize(2);
        assertThat(webhooks("MAIL_1:ANOMALY:2")).isEmpty();
    }

    @Test
    void anUnacknowledgedCriticalAlertEscalatesAfterTheConfiguredTime() throws Exception {
        final Alert alert = raised("MAIL_2", 1, Severity.CRITICAL, clock.instant());
        KafkaAlerts.send(alert);
        Mails.awaitReceived(() -> Mails.to("ops@plant.test", "ANOMALY on MAIL_2: raised").size() == 1, clock, queue);
        await().atMost(PATIENCE).until(() -> statuses("MAIL_2:ANOMALY:1", NotificationKind.ESCALATED)
                .equals(List.of(DeliveryStatus.PENDING)));
        dispatcher.tick();
        assertThat(Mails.to("boss@plant.test", "MAIL_2")).isEmpty();

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        Mails.awaitReceived(() -> Mails.to("boss@plant.test", "ANOMALY on MAIL_2").size() == 1, clock, queue);
        assertThat(Mails.to("boss@plant.test", "ANOMALY on MAIL_2").get(0).subject())
                .isEqualTo("[CRITICAL] ANOMALY on MAIL_2: ESCALATED: still unacknowledged");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(statuses("MAIL_2:ANOMALY:1", NotificationKind.ESCALATED))
                .containsExactly(DeliveryStatus.SENT));
    }

    @Test
    void anAlertAcknowledgedInTimeDoesNotEscalate() throws Exception {
        final Alert alert = raised("MAIL_3", 1, Severity.CRITICAL, clock.instant());
        KafkaAlerts.send(alert);
        Mails.awaitReceived(() -> Mails.to("ops@plant.test", "ANOMALY on MAIL_3: raised").size() == 1, clock, queue);

        KafkaAlerts.send(acknowledged(alert, "maria", clock.instant().plus(Duration.ofMinutes(10))));
        await().atMost(PATIENCE).until(() -> statuses("MAIL_3:ANOMALY:1", NotificationKind.ESCALATED)
                .equals(List.of(DeliveryStatus.CANCELLED)));
        clock.advance(Duration.ofMinutes(16));
        dispatcher.tick();

        assertThat(Mails.to("boss@plant.test", "MAIL_3")).isEmpty();
        assertThat(statuses("MAIL_3:ANOMALY:1", NotificationKind.ESCALATED)).containsExactly(DeliveryStatus.CANCELLED);
    }

    @Test
    void aDigestRuleSendsTheAlertsOfAPeriodInOneMessage() throws Exception {
        final Instant t = clock.instant();
        final Instant period = DigestPeriods.start(t, Duration.ofHours(1));
        final Alert one = raised("DIGEST_1", 1, Severity.WARNING, t);
        KafkaAlerts.send(one, updated(one, 2, t.plusSeconds(1)), raised("DIGEST_2", 1, Severity.CRITICAL, t));
        await().atMost(PATIENCE).until(() -> queue.digestItems("hourly", period).size() == 2);
        dispatcher.tick();
        assertThat(Mails.to("digest@plant.test", "[digest]")).isEmpty();

        clock.advance(Duration.between(t, period.plus(Duration.ofHours(1))));

        Mails.awaitReceived(() -> Mails.to("digest@plant.test", "[digest]").size() == 1, clock, queue);
        final Mails.Mail digest = Mails.to("digest@plant.test", "[digest]").get(0);
        assertThat(digest.subject()).startsWith("[digest] 2 alerts from " + period);
        assertThat(digest.body()).contains("DIGEST_1", "DIGEST_2", NotifierTestResource.DASHBOARD + "/?alert=DIGEST_1%3AANOMALY%3A1");
    }

    @Test
    void aPeerGroupRuleTellsItsChat() throws Exception {
        KafkaAlerts.send(raised("PRESS_7", 1, Severity.WARNING, clock.instant()));
        await().atMost(PATIENCE).until(() -> NotifierTestResource.webhooks().received("/chat", "PRESS_7").size() == 1);
        final JsonNode chat = JSON.readTree(NotifierTestResource.webhooks().received("/chat", "PRESS_7").get(0).body());
        assertThat(chat.fieldNames()).toIterable().containsExactly("text");
        assertThat(chat.path("text").asText()).startsWith("[WARNING] ANOMALY on PRESS_7: raised")
                .contains(NotifierTestResource.DASHBOARD + "/?alert=PRESS_7%3AANOMALY%3A1");
    }

    private static List<WebhookServer.Received> webhooks(final String alertId) {
        return NotifierTestResource.webhooks().received("/hook", "\"" + alertId + "\"");
    }

    private List<DeliveryStatus> statuses(final String alertId, final NotificationKind kind) throws Exception {
        return queue.ofAlert(alertId).stream().filter(n -> n.kind() == kind).map(Notification::status).toList();
    }
}
