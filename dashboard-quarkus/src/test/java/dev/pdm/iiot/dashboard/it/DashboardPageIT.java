package dev.pdm.iiot.dashboard.it;

import dev.pdm.iiot.dashboard.support.Browser;
import dev.pdm.iiot.dashboard.support.TestUsers;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.AlertIds;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.localstack.quarkus.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.pdm.iiot.dashboard.Fixtures.degradation;
import static dev.pdm.iiot.dashboard.Fixtures.peerDeviation;
import static dev.pdm.iiot.dashboard.Fixtures.silent;
import static dev.pdm.iiot.dashboard.Fixtures.stuck;
import static dev.pdm.iiot.dashboard.Fixtures.temperatureTrend;
import static dev.pdm.iiot.dashboard.Fixtures.withHealth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page in real headless Chromium against the app on the in-process Kafka, with the detector
 * down: cards for the machines on the topics, coloured by health (from the alerts, not from one
 * reading's score), an alert in the feed within 2 s of its record, an ack that reaches
 * {@code alert-commands} and the status the detector then emits, live charts; alerts of every type
 * with their trend and time to limit. Saves {@code target/screenshots/dashboard.png} and
 * {@code dashboard-health.png}.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(DetectorDownResource.class)
class DashboardPageIT {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DashboardPageIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration ALERT_LATENCY_LIMIT = Duration.ofSeconds(2);

    @TestHTTPResource("/")
    URI base;

    private Browser browser;
    private KafkaTestClient kafka;

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient(KafkaTopics.ALERT_COMMANDS);
        browser = new Browser();
        browser.signIn(base.toString(), TestUsers.OPERATOR);
    }

    @AfterEach
    void close() {
        browser.close();
        kafka.close();
    }

    @Test
    void showsThePlantLiveAndAnEngineerAcknowledgesAnAlert() {
        final Instant start = Instant.now();
        for (int m = 1; m <= 12; m++) {
            final String id = String.format(Locale.ROOT, "PLANT_%02d", m);
            final MachineStatus status = m == 3 ? status(id, MachineState.ANOMALY, 0.74, 860 + m, start, 78.2)
                    : m >= 11 ? training(id, 8 + m, start)
                    : status(id, MachineState.NORMAL, 0.35 + m * 0.01, 1_000 + m * 37L, start, 64 + m * 0.4);
            kafka.send(KafkaTopics.STATUS, id, status);
        }
        kafka.send(KafkaTopics.ALERTS, "PLANT_07", alert("PLANT_07", AlertStatus.ACTIVE_ACK, Severity.WARNING, start,
                "vibration", 3.1, 2.0));

        browser.open(base.toString());
        browser.await(PATIENCE, d -> d.findElements(By.cssSelector("[data-machine^='PLANT_']")).size() == 12);
        // an anomalous reading without an alert (a status without health, from an older detector): WATCH
        assertThat(browser.find("[data-machine='PLANT_03']").getAttribute("data-state")).isEqualTo("ANOMALY");
        assertThat(browser.find("[data-machine='PLANT_03']").getAttribute("data-health")).isEqualTo("WATCH");
        assertThat(browser.find("[data-machine='PLANT_03'] .badge").getText()).isEqualTo("WATCH");
        assertThat(browser.find("[data-machine='PLANT_12'] .badge").getText()).isEqualTo("LEARNING");
        assertThat(browser.find("[data-machine='PLANT_12'] .why").getText()).isEqualTo("learning its normal: 20/30 readings");
        assertThat(browser.find("[data-machine='PLANT_05'] .badge").getText()).isEqualTo("OK");

        browser.find("#search").sendKeys("PLANT_0");
        browser.await(PATIENCE, d -> d.findElements(By.cssSelector("#grid [data-machine]")).size() == 9);

        // an alert record: in the feed within 2 s
        final Alert raised = alert("PLANT_03", AlertStatus.ACTIVE_UNACK, Severity.CRITICAL, Instant.now(),
                "temperature", 78.2, 65.0);
        final long sent = System.nanoTime();
        kafka.send(KafkaTopics.ALERTS, "PLANT_03", raised);
        final String item = "[data-alert='" + raised.alertId() + "']";
        browser.await(PATIENCE, d -> browser.present(item + " button.ack:enabled"));
        final Duration latency = Duration.ofNanos(System.nanoTime() - sent);
        LOG.info("Alert record to feed: {} ms", latency.toMillis());
        assertThat(latency).as("from the alert's record to the feed").isLessThanOrEqualTo(ALERT_LATENCY_LIMIT);
        assertThat(browser.find(item + " .drivers").getText()).contains("temperature");
        assertThat(browser.find(item + " .rec").getText()).contains("Schedule inspection");

        // ack: with the detector down the dashboard writes the command to alert-commands itself, in the
        // signed-in operator's name
        browser.await(PATIENCE, d -> {
            browser.find(item + " button.ack").click();
            return true;
        });
        browser.await(PATIENCE, d -> browser.find(item + " .result").getText().contains("written to Kafka"));
        final AlertCommand command = await().atMost(PATIENCE).until(() -> kafka.poll().stream()
                .map(r -> EventJson.fromJson(new String(r.value(), StandardCharsets.UTF_8), AlertCommand.class))
                .filter(c -> c.alertId().equals(raised.alertId()))
                .findFirst().orElse(null), c -> c != null);
        assertThat(command.action()).isEqualTo(AlertCommand.Action.ACK);
        assertThat(command.by()).isEqualTo(TestUsers.OPERATOR);
        // the detector's part: it emits the alert's new state
        kafka.send(KafkaTopics.ALERTS, "PLANT_03", alert("PLANT_03", AlertStatus.ACTIVE_ACK, Severity.CRITICAL,
                Instant.now(), "temperature", 78.2, 65.0));
        browser.await(PATIENCE, d -> "ACTIVE_ACK".equals(browser.find(item).getAttribute("data-status")));

        // live charts of the selected machine; its history needs the detector, which is down
        browser.find("[data-machine='PLANT_03']").click();
        browser.await(PATIENCE, d -> browser.find("#detail-notice").isDisplayed()
                && browser.find("#detail-notice").getText().contains("History unavailable"));
        // every status carries the machine's last reading: the card's live values and one chart point;
        // and, as the detector writes it, its open alert: ALERT, whether the last reading scores high or not
        for (int i = 1; i <= 16; i++) {
            final double score = (50 + 2 * i + (i % 3 == 0 ? 6 : 0)) / 100.0;
            final double temperature = 70 + i * 0.6 + (i % 2) * 0.8;
            kafka.send(KafkaTopics.STATUS, "PLANT_03", status("PLANT_03", score > 0.6 ? MachineState.ANOMALY
                    : MachineState.NORMAL, score, 900 + i, start.plusSeconds(i), temperature, raised.alertId()));
            final String expected = String.format(Locale.ROOT, "score %.2f", score);
            final String value = String.format(Locale.ROOT, "%.1f", temperature);
            browser.await("PLANT_03 shows ALERT (ANOMALY), " + expected + " and " + value + " °C", PATIENCE,
                    d -> browser.find("[data-machine='PLANT_03'] .foot").getText().contains(expected)
                            && browser.find("[data-machine='PLANT_03'] .values").getText().contains(value)
                            && "ALERT".equals(browser.find("[data-machine='PLANT_03']").getAttribute("data-health"))
                            && browser.find("[data-machine='PLANT_03'] .why").getText().equals("ANOMALY"));
        }
        final org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser.driver();
        // the point of the status the page had when the machine was selected, and one per status since
        browser.await("17 points in the charts", PATIENCE, d -> ((Number) js.executeScript(
                "return charts.score.data.datasets[0].data.length")).intValue() == 17);
        assertThat(((Number) js.executeScript("return charts.temperature.data.datasets[0].data.length")).intValue())
                .isEqualTo(17);

        browser.screenshot("dashboard");
    }

    @Test
    void aThousandMachinesStayUsableOnePageAtATime() {
        final Instant now = Instant.now();
        for (int m = 0; m < 1_000; m++) {
            final String id = String.format(Locale.ROOT, "FLEET_%04d", m);
            kafka.sendAsync(KafkaTopics.STATUS, id, m % 97 == 0
                    ? status(id, MachineState.ANOMALY, 0.8, 500 + m, now, 81)
                    : status(id, MachineState.NORMAL, 0.3 + (m % 20) / 100.0, 500 + m, now, 62 + (m % 9)));
        }
        kafka.flush();

        browser.open(base.toString());
        browser.await("the pager counts 1,000 fleet machines", PATIENCE, d -> {
            browser.find("#search").clear();
            browser.find("#search").sendKeys("FLEET_");
            return browser.find("#page-info").getText().equals("1–96 of 1000");
        });
        assertThat(browser.driver().findElements(By.cssSelector("#grid [data-machine]"))).hasSize(96);
        // worst first: the anomalous ones (WATCH: no alert is open) lead the first page
        assertThat(browser.driver().findElements(By.cssSelector("#grid [data-health='WATCH']"))).hasSize(11);
        assertThat(browser.driver().findElements(By.cssSelector("#grid [data-machine]")).subList(0, 11))
                .allSatisfy(card -> assertThat(card.getAttribute("data-health")).isEqualTo("WATCH"));
        browser.screenshot("dashboard-1000-machines");

        browser.find("#next").click();
        browser.await("the second page", PATIENCE, d -> browser.find("#page-info").getText().equals("97–192 of 1000"));
        browser.find("#search").sendKeys("0777");
        browser.await("one card for FLEET_0777", PATIENCE,
                d -> d.findElements(By.cssSelector("#grid [data-machine]")).size() == 1
                        && browser.present("[data-machine='FLEET_0777']"));
        new org.openqa.selenium.support.ui.Select(browser.find("#health-filter")).selectByValue("WATCH");
        browser.await("no FLEET_0777 in WATCH", PATIENCE, d -> browser.present("#grid .empty"));
    }

    @Test
    void aMachineIsInAlertByItsAlertsAndAnAnomalousReadingAloneIsWatch() {
        final Instant now = Instant.now();
        // a slow rise of the temperature: DEGRADATION open while the last reading scores normal
        kafka.send(KafkaTopics.STATUS, "HEALTH_1", withHealth("HEALTH_1", MachineState.NORMAL, 0.41, 5_000,
                Health.ALERT, Map.of(Alert.TYPE_DEGRADATION, "HEALTH_1:DEGRADATION:1")));
        kafka.send(KafkaTopics.ALERTS, "HEALTH_1", degradation("HEALTH_1", 1, now, temperatureTrend()));
        // a point anomaly, no alert: WATCH, from a detector that says so and from an older one that does not
        kafka.send(KafkaTopics.STATUS, "HEALTH_2", withHealth("HEALTH_2", MachineState.ANOMALY, 0.74, 5_000,
                Health.WATCH, Map.of()));
        kafka.sendRaw(KafkaTopics.STATUS, "HEALTH_3", """
                {"machine_id":"HEALTH_3","state":"ANOMALY","training_samples":0,"training_target":30,"model_version":1,
                 "last_reading":{"machine_id":"HEALTH_3","timestamp":"2025-11-21T21:30:00Z","temperature":71.5},
                 "last_score":0.74,"threshold":0.6,"readings":5000,"anomalies":3,"duplicates":0,
                 "updated_at":"2025-11-21T21:30:00Z"}""");
        kafka.send(KafkaTopics.STATUS, "HEALTH_4", withHealth("HEALTH_4", MachineState.NORMAL, 0.3, 5_000,
                Health.OK, Map.of()));
        final Map<String, String> two = new LinkedHashMap<>();
        two.put(Alert.TYPE_PEER_DEVIATION, "HEALTH_5:PEER_DEVIATION:1");
        two.put(Alert.TYPE_SILENT, "HEALTH_5:SILENT:1");
        kafka.send(KafkaTopics.STATUS, "HEALTH_5", withHealth("HEALTH_5", MachineState.NORMAL, 0.35, 5_000,
                Health.ALERT, two));
        kafka.send(KafkaTopics.ALERTS, "HEALTH_5", peerDeviation("HEALTH_5", 1, now));
        kafka.send(KafkaTopics.ALERTS, "HEALTH_5", silent("HEALTH_5", 1, now));
        kafka.send(KafkaTopics.STATUS, "HEALTH_6", withHealth("HEALTH_6", MachineState.NORMAL, 0.38, 5_000,
                Health.ALERT, Map.of(Alert.TYPE_STUCK_SENSOR, "HEALTH_6:STUCK_SENSOR:1")));
        kafka.send(KafkaTopics.ALERTS, "HEALTH_6", stuck("HEALTH_6", 1, now));

        browser.open(base.toString());
        browser.find("#search").sendKeys("HEALTH_");
        browser.await("six HEALTH_ cards", PATIENCE,
                d -> d.findElements(By.cssSelector("#grid [data-machine^='HEALTH_']")).size() == 6);

        // in ALERT by its DEGRADATION alert, with the soonest time to limit; its score stays a number
        final String degrading = "[data-machine='HEALTH_1']";
        browser.await("HEALTH_1 shows its alert's type and time to limit", PATIENCE,
                d -> browser.find(degrading + " .why").getText().contains("temperature 90 °C in ~14 h"));
        assertThat(browser.find(degrading).getAttribute("data-health")).isEqualTo("ALERT");
        assertThat(browser.find(degrading + " .badge").getText()).isEqualTo("ALERT");
        assertThat(browser.find(degrading + " .why .type").getText()).isEqualTo("DEGRADATION");
        assertThat(browser.find(degrading + " .foot").getText()).contains("score 0.41 / 0.60");
        // a point anomaly and no alert: WATCH, with the score over the threshold
        for (final String watched : List.of("HEALTH_2", "HEALTH_3")) {
            final String card = "[data-machine='" + watched + "']";
            assertThat(browser.find(card).getAttribute("data-health")).as(watched).isEqualTo("WATCH");
            assertThat(browser.find(card).getAttribute("data-state")).as(watched).isEqualTo("ANOMALY");
            assertThat(browser.find(card + " .badge").getText()).as(watched).isEqualTo("WATCH");
            assertThat(browser.find(card + " .why").getText()).as(watched).isEqualTo("anomalous reading, no alert");
            assertThat(browser.find(card + " .foot").getText()).as(watched).contains("score 0.74 / 0.60");
        }
        assertThat(browser.find("[data-machine='HEALTH_4'] .badge").getText()).isEqualTo("OK");
        assertThat(browser.find("[data-machine='HEALTH_5'] .why").getText()).contains("PEER_DEVIATION", "SILENT");

        // the feed: each alert's type, a DEGRADATION's trend and time to limit, the others' own facts
        final String trend = "[data-alert='HEALTH_1:DEGRADATION:1']";
        browser.await("the DEGRADATION alert in the feed", PATIENCE, d -> browser.present(trend + " .ttl"));
        assertThat(browser.find(trend + " .type").getText()).isEqualTo("DEGRADATION");
        assertThat(browser.find(trend + " .trends").getText()).contains("temperature +0.8 °C/h over 3.0 h");
        assertThat(browser.find(trend + " .ttl").getText()).isEqualTo("temperature: limit 90 °C in ~14 h (9–30 h)");
        assertThat(browser.present(trend + " .count")).isFalse();
        final String peers = "[data-alert='HEALTH_5:PEER_DEVIATION:1']";
        browser.await("the PEER_DEVIATION alert in the feed", PATIENCE, d -> browser.present(peers + " .drivers"));
        assertThat(browser.find(peers + " .type").getText()).isEqualTo("PEER DEVIATION");
        assertThat(browser.find(peers + " .drivers").getText()).contains("vibration 3.10 mm/s vs peers' 2.00 mm/s");
        browser.await("the SILENT and STUCK_SENSOR alerts in the feed", PATIENCE,
                d -> browser.present("[data-alert='HEALTH_5:SILENT:1'] .rec")
                        && browser.present("[data-alert='HEALTH_6:STUCK_SENSOR:1'] .rec"));
        assertThat(browser.find("[data-alert='HEALTH_5:SILENT:1'] .rec").getText()).contains("no reading for 5 min");
        assertThat(browser.find("[data-alert='HEALTH_6:STUCK_SENSOR:1'] .rec").getText()).contains("repeats 6.00 bar");
        // worst first: the machines in ALERT (of equal severity: a time to limit first, then the most
        // open alerts), then WATCH, then OK
        final List<String> worstFirst = List.of("HEALTH_1", "HEALTH_5", "HEALTH_6", "HEALTH_2", "HEALTH_3", "HEALTH_4");
        browser.await("the cards worst first: " + worstFirst, PATIENCE, d -> worstFirst.equals(
                d.findElements(By.cssSelector("#grid [data-machine]")).stream()
                        .map(card -> card.getAttribute("data-machine")).toList()));

        // statistics by health, and the filter by health
        browser.await("machines in alert counted", PATIENCE,
                d -> Integer.parseInt(browser.find("#stat-alerting").getText()) >= 3
                        && browser.find("#stat-types").getText().contains("degradation"));
        new org.openqa.selenium.support.ui.Select(browser.find("#health-filter")).selectByValue("ALERT");
        browser.await("three HEALTH_ machines in ALERT", PATIENCE,
                d -> d.findElements(By.cssSelector("#grid [data-machine]")).size() == 3);
        new org.openqa.selenium.support.ui.Select(browser.find("#health-filter")).selectByValue("");
        browser.await(PATIENCE, d -> d.findElements(By.cssSelector("#grid [data-machine]")).size() == 6);
        browser.find("[data-machine='HEALTH_1']").click();
        browser.await("HEALTH_1's detail", PATIENCE,
                d -> browser.find("#detail-meta").getText().startsWith("ALERT (DEGRADATION) · last reading normal")
                        && browser.present("[data-machine='HEALTH_1'].selected"));
        browser.screenshot("dashboard-health");
    }

    private static MachineStatus status(final String id, final MachineState state, final double score,
                                        final long readings, final Instant at, final double temperature) {
        return status(id, state, score, readings, at, temperature, null);
    }

    /** A status as a detector that predates health writes it: its one open alert's id, no health. */
    private static MachineStatus status(final String id, final MachineState state, final double score,
                                        final long readings, final Instant at, final double temperature,
                                        final String openAlertId) {
        return new MachineStatus(id, state, 30, 30, 1, reading(id, at, temperature), score, 0.6, readings,
                state == MachineState.ANOMALY ? 12 : readings / 200, 0, openAlertId, at, null, null);
    }

    private static MachineStatus training(final String id, final int samples, final Instant at) {
        return new MachineStatus(id, MachineState.TRAINING, samples, 30, null, reading(id, at, 65.5), null, null,
                samples, 0, 0, null, at, null, null);
    }

    private static TelemetryReading reading(final String id, final Instant at, final double temperature) {
        final Map<String, Double> values = new LinkedHashMap<>();
        values.put("temperature", temperature);
        values.put("vibration", 2.0 + (temperature - 64) * 0.05);
        values.put("current", 10.2);
        values.put("pressure", 6.01);
        values.put("rpm", 1496.0);
        return TelemetryReading.of(id, at, values);
    }

    private static Alert alert(final String machineId, final AlertStatus status, final Severity severity,
                               final Instant at, final String sensor, final double value, final double mean) {
        final double z = (value - mean) / 1.5;
        return new Alert(AlertIds.of(machineId, Alert.TYPE_ANOMALY, 1), machineId, at, -0.74,
                Map.of(sensor, value), severity,
                "Schedule inspection: " + sensor + " " + String.format(Locale.ROOT, "%.1f", value - mean)
                        + " above normal", Alert.TYPE_ANOMALY, status, 4, at.minusSeconds(20), at, severity,
                List.of(new Contributor(sensor, value, mean, 1.5, z, Contributor.Direction.ABOVE)), 1, 0.74, 0.6,
                status == AlertStatus.ACTIVE_ACK ? "omar" : null, null, null, null, null);
    }
}
