package dev.pdm.iiot.dashboard.it;

import dev.pdm.iiot.dashboard.history.HistoryDatabaseResource;
import dev.pdm.iiot.dashboard.history.HistoryRows;
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
 * with their trend and time to limit; a machine's last 7 and 90 days from the history database, the
 * alert history, the fleet report and a link to one alert. Saves {@code target/screenshots/dashboard.png},
 * {@code dashboard-health.png}, {@code dashboard-7d.png}, {@code alert-history.png}, {@code fleet-report.png} and
 * {@code dashboard-linked-alert.png}.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(DetectorDownResource.class)
@WithTestResource(HistoryDatabaseResource.class)
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

    @Test
    void showsSevenDaysOfAMachineTheAlertHistoryTheFleetReportAndALinkedAlert() {
        final HistoryRows rows = HistoryRows.of(HistoryDatabaseResource.server().dataSource());
        // a week of minutes of PAGE_H1 (daily cycle, a slow rise of the temperature), rolled up into hours,
        // and 90 days of hours before that
        rows.execute("""
                INSERT INTO machine_minute
                SELECT 'PAGE_H1', m, s.name, v - s.spread, v, v + s.spread, 20
                FROM generate_series(date_trunc('minute', now()) - interval '7 days', date_trunc('minute', now()),
                                     interval '1 minute') AS m,
                     (VALUES ('temperature', 66.0, 4.0, 1.5), ('vibration', 2.2, 0.3, 0.15), ('current', 10.5, 0.6, 0.3),
                             ('pressure', 6.0, 0.2, 0.05), ('rpm', 1495.0, 12.0, 6.0)) AS s(name, base, swing, spread),
                     LATERAL (SELECT s.base + s.swing * sin(extract(epoch FROM m) / 86400 * 2 * pi())
                                     + s.swing * 0.4 * extract(epoch FROM m - (now() - interval '7 days')) / 604800 AS v) AS x
                """);
        rows.execute("""
                INSERT INTO machine_minute_summary (machine_id, minute, readings, anomalies, max_score)
                SELECT 'PAGE_H1', m, 20, CASE WHEN extract(minute FROM m) = 0 AND extract(hour FROM m) = 3 THEN 4 ELSE 0 END,
                       0.35 + 0.1 * sin(extract(epoch FROM m) / 86400 * 2 * pi())
                            + CASE WHEN extract(hour FROM m) = 3 THEN 0.3 ELSE 0 END
                FROM generate_series(date_trunc('minute', now()) - interval '7 days', date_trunc('minute', now()),
                                     interval '1 minute') AS m
                """);
        rows.execute("SELECT history_rollup(now() - interval '8 days', now())");
        rows.execute("""
                INSERT INTO machine_hour SELECT 'PAGE_H1', h, s, 62 + 3 * sin(extract(epoch FROM h) / 86400 * 2 * pi()) - 1,
                       62 + 3 * sin(extract(epoch FROM h) / 86400 * 2 * pi()),
                       62 + 3 * sin(extract(epoch FROM h) / 86400 * 2 * pi()) + 1, 1200
                FROM generate_series(date_trunc('hour', now()) - interval '90 days', date_trunc('hour', now())
                                     - interval '8 days', interval '1 hour') AS h, (VALUES ('temperature')) AS t(s)
                """);
        rows.execute("""
                INSERT INTO machine_hour_summary SELECT 'PAGE_H1', h, 1200, 0, 0.3
                FROM generate_series(date_trunc('hour', now()) - interval '90 days', date_trunc('hour', now())
                                     - interval '8 days', interval '1 hour') AS h
                """);
        // the alert history: an ANOMALY acked and cleared, a SILENT alert of PAGE_H2 cleared by itself
        final Instant raised = Instant.now().minus(Duration.ofHours(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        final String old = "PAGE_H1:ANOMALY:1";
        rows.alertState(old, raised, "ACTIVE_UNACK", 3, "CRITICAL", "CRITICAL", raised,
                        "Schedule inspection: temperature 12.1, above normal", null, null, null, null)
                .alertState(old, raised.plusSeconds(900), "ACTIVE_ACK", 3, "CRITICAL", "CRITICAL", raised,
                        "Schedule inspection: temperature 12.1, above normal", "olga", raised.plusSeconds(900), null, null)
                .alertState(old, raised.plusSeconds(7200), "CLEARED", 3, "WARNING", "CRITICAL", raised,
                        "Schedule inspection: temperature 12.1, above normal", "olga", raised.plusSeconds(900),
                        "maria", raised.plusSeconds(7200));
        final String silent = "PAGE_H2:SILENT:1";
        rows.alertState(silent, raised.minusSeconds(86_400), "ACTIVE_UNACK", 1, "WARNING", "WARNING",
                        raised.minusSeconds(86_400), "Check the gateway: no reading for 5 min", null, null, null, null)
                .alertState(silent, raised.minusSeconds(86_400 - 1_800), "CLEARED", 1, "WARNING", "WARNING",
                        raised.minusSeconds(86_400), "Check the gateway: no reading for 5 min", null, null, null,
                        raised.minusSeconds(86_400 - 1_800));
        // live: PAGE_H1's status and an open alert of PAGE_H3
        final Instant now = Instant.now();
        kafka.send(KafkaTopics.STATUS, "PAGE_H1", status("PAGE_H1", MachineState.NORMAL, 0.41, 120_000, now, 68.5));
        kafka.send(KafkaTopics.STATUS, "PAGE_H3", status("PAGE_H3", MachineState.ANOMALY, 0.81, 90_000, now, 79.0));
        final Alert open = alert("PAGE_H3", AlertStatus.ACTIVE_UNACK, Severity.CRITICAL, now, "temperature", 79.0, 66.0);
        kafka.send(KafkaTopics.ALERTS, "PAGE_H3", open);

        // the machine's last 7 days: ten-minute buckets of the minutes, with the band of min and max
        browser.open(base.toString());
        browser.find("#search").sendKeys("PAGE_H");
        browser.await("PAGE_H1's card", PATIENCE, d -> browser.present("[data-machine='PAGE_H1']"));
        browser.find("[data-machine='PAGE_H1']").click();
        browser.await("PAGE_H1 selected", PATIENCE, d -> browser.find("#detail-title").getText().equals("PAGE_H1"));
        browser.find("#range [data-range='7d']").click();
        browser.await("seven days in ten-minute buckets", PATIENCE, d -> "minute_buckets".equals(
                browser.find("#range-info").getAttribute("data-resolution")));
        final org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser.driver();
        assertThat(browser.find("#range-info").getText()).contains("points of 10 min", "machine_minute");
        assertThat(((Number) js.executeScript("return charts.temperature.data.datasets[0].data.length")).intValue())
                .isBetween(1_000, 1_010);
        assertThat(((Number) js.executeScript("return charts.temperature.data.datasets[1].data.length")).intValue())
                .isBetween(1_000, 1_010);
        browser.screenshot("dashboard-7d");
        browser.find("#range [data-range='90d']").click();
        browser.await("ninety days in two-hour buckets of the hours", PATIENCE, d -> "hour_buckets".equals(
                browser.find("#range-info").getAttribute("data-resolution")));
        assertThat(browser.find("#range-info").getText()).contains("points of 2 h", "machine_hour");
        browser.find("#range [data-range='live']").click();
        browser.await("live again", PATIENCE, d -> browser.find("#range-info").getText().isEmpty());

        // the alert history of PAGE_H1: raised, acked and cleared, by whom; the CSV link with the same filters
        browser.find(".nav a[href='/alerts.html']").click();
        browser.await("the alert history", PATIENCE, d -> browser.present("#rows tr[data-alert]"));
        browser.find("#machine").sendKeys("PAGE_H1");
        browser.await("PAGE_H1's alert", PATIENCE, d -> d.findElements(By.cssSelector("#rows tr[data-alert]")).size() == 1
                && browser.present("#rows tr[data-alert='" + old + "']"));
        final String row = browser.find("#rows tr[data-alert='" + old + "']").getText();
        assertThat(row).contains("PAGE_H1", "ANOMALY", "CRITICAL", "CLEARED", "olga", "maria", "2.0 h");
        assertThat(browser.find("#csv").getAttribute("href")).contains("format=csv", "machine=PAGE_H1");
        browser.find("#machine").clear();
        browser.await("PAGE_H2's SILENT alert too", PATIENCE,
                d -> browser.present("#rows tr[data-alert='" + silent + "']"));
        browser.screenshot("alert-history");

        // the fleet report: PAGE_H1 (2 h in alert) before PAGE_H2 (30 min)
        browser.find(".nav a[href='/report.html']").click();
        browser.await("the fleet report", PATIENCE, d -> browser.present("#rows tr[data-machine='PAGE_H2']"));
        final List<String> order = browser.driver().findElements(By.cssSelector("#rows tr[data-machine]")).stream()
                .map(tr -> tr.getAttribute("data-machine")).filter(m -> m.startsWith("PAGE_H")).toList();
        assertThat(order).containsSubsequence("PAGE_H1", "PAGE_H2");
        assertThat(browser.find("#rows tr[data-machine='PAGE_H1'] .in-alert").getText()).isEqualTo("2.0 h");
        browser.screenshot("fleet-report");

        // a link to an open alert: highlighted in the feed with every filter open, its machine selected
        browser.open(base + "?alert=" + open.alertId());
        final String item = "[data-alert='" + open.alertId() + "']";
        browser.await("the linked alert highlighted", PATIENCE, d -> browser.present(item + ".highlight")
                && browser.find("#detail-title").getText().equals("PAGE_H3"));
        assertThat(browser.find("#alert-status").getAttribute("value")).isEmpty();
        browser.screenshot("dashboard-linked-alert");
        // a link to an alert the live view does not hold: from the alert history
        browser.open(base + "?alert=" + silent);
        browser.await("the linked alert from the history", PATIENCE, d -> browser.find("#linked-alert").isDisplayed()
                && browser.find("#linked-alert").getText().contains("CLEARED"));
        assertThat(browser.find("#linked-alert").getText()).contains(silent, "Check the gateway");

        // a mail's link opened without a session: the login first, then the page with the alert
        browser.open(base + "logout");
        browser.open(base + "?alert=" + java.net.URLEncoder.encode(open.alertId(), StandardCharsets.UTF_8));
        browser.await("the login form", PATIENCE, d -> d.getCurrentUrl().contains("/login.html") && browser.present("#login"));
        browser.find("#username").sendKeys(TestUsers.VIEWER);
        browser.find("#password").sendKeys(TestUsers.password(TestUsers.VIEWER));
        browser.find("#sign-in").click();
        browser.await("back at the linked alert after signing in", PATIENCE,
                d -> d.getCurrentUrl().contains("?alert=") && browser.present(item + ".highlight"));
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
