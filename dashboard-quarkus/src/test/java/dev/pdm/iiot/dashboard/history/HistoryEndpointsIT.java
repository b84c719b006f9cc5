package dev.pdm.iiot.dashboard.history;

import dev.pdm.iiot.dashboard.app.StubDetectorResource;
import dev.pdm.iiot.dashboard.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.pdm.iiot.dashboard.support.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The history endpoints on the running app against a real PostgreSQL with the history schema:
 * the resolution a range gets, the database's bucket math, the alert history's filters and CSV,
 * the fleet report's clipping, and who may read them.
 */
@QuarkusTest
@WithTestResource(StubDetectorResource.class)
@WithTestResource(HistoryDatabaseResource.class)
class HistoryEndpointsIT {

    /** Whole hours, two hours ago: minutes of HIST_1 from here on; also the start of a 10-minute bucket. */
    static final Instant MINUTES = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    /** An even hour 60 days ago: the start of a 2-hour bucket of HIST_1's hours. */
    static final Instant HOURS = evenHour(Instant.now().minus(Duration.ofDays(60)));
    /** When the alerts of HIST_A1 / HIST_A2 start. */
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(5));
    static final String TRICKY = "Check the bearing, \"now\"\nthen call maintenance";

    @BeforeAll
    static void rows() {
        final HistoryRows rows = HistoryRows.of(HistoryDatabaseResource.server().dataSource());
        for (int i = 0; i < 60; i++) {
            final Instant minute = MINUTES.plus(Duration.ofMinutes(i));
            rows.sensor(false, "HIST_1", minute, "temperature", 60 + i, 61 + i, 62 + i, 10 + i)
                    .sensor(false, "HIST_1", minute, "vibration", 2, 2.5, 3, 10 + i)
                    .summary(false, "HIST_1", minute, 10 + i, i % 10 == 0 ? 1 : 0, 0.30 + i / 100.0);
        }
        rows.sensor(true, "HIST_1", HOURS, "temperature", 50, 60, 70, 100)
                .sensor(true, "HIST_1", HOURS.plus(Duration.ofHours(1)), "temperature", 40, 80, 90, 300)
                .summary(true, "HIST_1", HOURS, 100, 2, 0.5)
                .summary(true, "HIST_1", HOURS.plus(Duration.ofHours(1)), 300, 5, 0.9);

        // HIST_A1: ANOMALY raised at T0, escalated, acked, cleared after 70 min; PEER_DEVIATION 30..100 min
        final String a1 = "HIST_A1:ANOMALY:1";
        rows.alertState(a1, T0, "ACTIVE_UNACK", 1, "WARNING", "WARNING", T0, TRICKY, null, null, null, null)
                .alertState(a1, T0.plusSeconds(60), "ACTIVE_UNACK", 3, "CRITICAL", "CRITICAL", T0, TRICKY,
                        null, null, null, null)
                .alertState(a1, T0.plusSeconds(600), "ACTIVE_ACK", 3, "CRITICAL", "CRITICAL", T0, TRICKY,
                        "olga", T0.plusSeconds(600), null, null)
                .alertState(a1, T0.plusSeconds(4200), "CLEARED", 3, "WARNING", "CRITICAL", T0, TRICKY,
                        "olga", T0.plusSeconds(600), "maria", T0.plusSeconds(4200));
        final String peer = "HIST_A1:PEER_DEVIATION:1";
        rows.alertState(peer, T0.plusSeconds(1800), "ACTIVE_UNACK", 1, "WARNING", "WARNING", T0.plusSeconds(1800),
                        "Compare with its peers", null, null, null, null)
                .alertState(peer, T0.plusSeconds(6000), "CLEARED", 1, "WARNING", "WARNING", T0.plusSeconds(1800),
                        "Compare with its peers", null, null, null, T0.plusSeconds(6000));
        // HIST_A2: a DEGRADATION open since T0 + 2 h; an ANOMALY of 30 min before it
        rows.alertState("HIST_A2:DEGRADATION:1", T0.plusSeconds(7200), "ACTIVE_UNACK", 1, "WARNING", "WARNING",
                        T0.plusSeconds(7200), "Plan maintenance", null, null, null, null)
                .alertState("HIST_A2:ANOMALY:1", T0.plusSeconds(3600), "ACTIVE_UNACK", 2, "INFO", "INFO",
                        T0.plusSeconds(3600), "Watch it", null, null, null, null)
                .alertState("HIST_A2:ANOMALY:1", T0.plusSeconds(5400), "CLEARED", 2, "INFO", "INFO",
                        T0.plusSeconds(3600), "Watch it", null, null, null, T0.plusSeconds(5400));
        // HIST_A3: a SILENT alert 40 days ago, outside the default period of 30 days
        final Instant old = Instant.now().minus(Duration.ofDays(40));
        rows.alertState("HIST_A3:SILENT:1", old, "ACTIVE_UNACK", 1, "WARNING", "WARNING", old, "Check the gateway",
                        null, null, null, null)
                .alertState("HIST_A3:SILENT:1", old.plusSeconds(300), "CLEARED", 1, "WARNING", "WARNING", old,
                        "Check the gateway", null, null, null, old.plusSeconds(300));
    }

    // ---------------------------------------------------------------- machine history

    @Test
    void anHourIsReadMinuteByMinuteFromMachineMinute() {
        final JsonPath body = history("HIST_1", MINUTES, MINUTES.plus(Duration.ofHours(1)), null);

        assertThat(body.getString("resolution")).isEqualTo("minute");
        assertThat(body.getString("table")).isEqualTo("machine_minute");
        assertThat(body.getString("step")).isEqualTo("PT1M");
        assertThat(body.getList("points")).hasSize(60);
        assertThat(body.getString("points[7].time")).isEqualTo(MINUTES.plus(Duration.ofMinutes(7)).toString());
        assertThat(body.getDouble("points[7].sensors.temperature.min")).isEqualTo(67);
        assertThat(body.getDouble("points[7].sensors.temperature.mean")).isEqualTo(68);
        assertThat(body.getDouble("points[7].sensors.temperature.max")).isEqualTo(69);
        assertThat(body.getDouble("points[7].sensors.vibration.mean")).isEqualTo(2.5);
        assertThat(body.getLong("points[7].readings")).isEqualTo(17);
        assertThat(body.getDouble("points[7].max_score")).isCloseTo(0.37, within(1e-9));
    }

    @Test
    void aDayIsStillMinutesAndSevenDaysAreTenMinuteBucketsWithTheMeanWeightedByReadings() {
        final Instant now = Instant.now();
        assertThat(history("HIST_1", now.minus(Duration.ofHours(24)), now, null).getString("resolution"))
                .isEqualTo("minute");

        final JsonPath week = history("HIST_1", now.minus(Duration.ofDays(7)), now, null);

        assertThat(week.getString("resolution")).isEqualTo("minute_buckets");
        assertThat(week.getString("table")).isEqualTo("machine_minute");
        assertThat(week.getLong("step_seconds")).isEqualTo(600);
        assertThat(week.getList("points")).hasSize(6);
        // the first bucket: minutes 0..9, readings 10..19, temperature means 61..70
        double weighted = 0;
        long readings = 0;
        for (int i = 0; i < 10; i++) {
            weighted += (10 + i) * (61.0 + i);
            readings += 10 + i;
        }
        assertThat(week.getString("points[0].time")).isEqualTo(MINUTES.toString());
        assertThat(week.getLong("points[0].readings")).isEqualTo(readings);
        assertThat(week.getLong("points[0].anomalies")).isEqualTo(1);
        assertThat(week.getDouble("points[0].max_score")).isCloseTo(0.39, within(1e-9));
        assertThat(week.getDouble("points[0].sensors.temperature.min")).isEqualTo(60);
        assertThat(week.getDouble("points[0].sensors.temperature.max")).isEqualTo(71);
        assertThat(week.getDouble("points[0].sensors.temperature.mean")).isCloseTo(weighted / readings, within(1e-9));
        assertThat(week.getList("points.time")).isSorted();
    }

    @Test
    void ninetyDaysAreTwoHourBucketsOfMachineHour() {
        final Instant now = Instant.now();

        final JsonPath quarter = history("HIST_1", now.minus(Duration.ofDays(90)), now, null);

        assertThat(quarter.getString("resolution")).isEqualTo("hour_buckets");
        assertThat(quarter.getString("table")).isEqualTo("machine_hour");
        assertThat(quarter.getString("step")).isEqualTo("PT2H");
        assertThat(quarter.getList("points")).hasSize(1);
        assertThat(quarter.getString("points[0].time")).isEqualTo(HOURS.toString());
        assertThat(quarter.getLong("points[0].readings")).isEqualTo(400);
        assertThat(quarter.getLong("points[0].anomalies")).isEqualTo(7);
        assertThat(quarter.getDouble("points[0].max_score")).isEqualTo(0.9);
        assertThat(quarter.getDouble("points[0].sensors.temperature.min")).isEqualTo(40);
        assertThat(quarter.getDouble("points[0].sensors.temperature.mean")).isEqualTo(75); // (100·60 + 300·80) / 400
        assertThat(quarter.getDouble("points[0].sensors.temperature.max")).isEqualTo(90);
    }

    @Test
    void aStepOfItsOwnChoosesTheTable() {
        final Instant now = Instant.now();
        final JsonPath hours = history("HIST_1", now.minus(Duration.ofDays(70)), now, "1h");
        assertThat(hours.getString("resolution")).isEqualTo("hour");
        assertThat(hours.getList("points")).hasSize(2);
        final JsonPath fives = history("HIST_1", MINUTES, MINUTES.plus(Duration.ofHours(1)), "PT5M");
        assertThat(fives.getString("resolution")).isEqualTo("minute_buckets");
        assertThat(fives.getList("points")).hasSize(12);
        assertThat(fives.getLong("points[0].readings")).isEqualTo(10 + 11 + 12 + 13 + 14);
    }

    @Test
    void badTimesStepsAndRangesAreClear400s() {
        final Instant now = Instant.now();
        bad("/api/machines/HIST_1/history?from=yesterday", "from is not a time: 'yesterday'");
        bad("/api/machines/HIST_1/history?from=" + now + "&to=" + now.minus(Duration.ofHours(1)), "must be after from");
        bad("/api/machines/HIST_1/history?from=" + now.minus(Duration.ofDays(800)) + "&to=" + now,
                "at most 730 days may be asked for at once");
        bad("/api/machines/HIST_1/history?step=30s", "step must be whole minutes");
        bad("/api/machines/HIST_1/history?step=often", "step is not a duration: 'often'");
        bad("/api/machines/HIST_1/history?from=" + now.minus(Duration.ofDays(30)) + "&to=" + now + "&step=1m",
                "gives 43200 points for this range; at most 5000");
        bad("/api/machines/HIST_1/history?from=" + now.minus(Duration.ofDays(40)) + "&to="
                + now.minus(Duration.ofDays(39)) + "&step=5m", "needs a step of whole hours");
        bad("/api/machines/not%20a%20machine/history", "not a machine id");
    }

    // ---------------------------------------------------------------- alert history

    @Test
    void theAlertHistoryIsTheLatestStateOfEachAlertWithWhoAckedAndCleared() {
        final JsonPath body = as(TestUsers.VIEWER).get("/api/alerts/history?machine=HIST_A1").then().statusCode(200)
                .extract().jsonPath();

        assertThat(body.getList("alerts.alert_id")).containsExactly("HIST_A1:PEER_DEVIATION:1", "HIST_A1:ANOMALY:1");
        final Map<String, Object> anomaly = body.getMap("alerts[1]");
        assertThat(anomaly).containsEntry("status", "CLEARED").containsEntry("severity", "WARNING")
                .containsEntry("peak_severity", "CRITICAL").containsEntry("type", "ANOMALY")
                .containsEntry("raised_at", T0.toString())
                .containsEntry("acknowledged_by", "olga").containsEntry("acknowledged_at", T0.plusSeconds(600).toString())
                .containsEntry("cleared_by", "maria").containsEntry("cleared_at", T0.plusSeconds(4200).toString())
                .containsEntry("count", 3).containsEntry("states", 4).containsEntry("recommendation", TRICKY);
        // cleared by itself: a time, nobody
        assertThat(body.getMap("alerts[0]")).containsEntry("cleared_at", T0.plusSeconds(6000).toString())
                .doesNotContainKey("cleared_by");
    }

    @Test
    void theAlertHistoryFiltersByMachineTypeSeverityStatusAndPeriod() {
        assertThat(alertIds("machine=HIST_A2")).containsExactly("HIST_A2:DEGRADATION:1", "HIST_A2:ANOMALY:1");
        assertThat(alertIds("machine=HIST_A2&type=anomaly")).containsExactly("HIST_A2:ANOMALY:1");
        assertThat(alertIds("machine=HIST_A1&severity=CRITICAL")).containsExactly("HIST_A1:ANOMALY:1");
        assertThat(alertIds("machine=HIST_A2&status=ACTIVE_UNACK")).containsExactly("HIST_A2:DEGRADATION:1");
        assertThat(alertIds("alert=HIST_A1:ANOMALY:1")).containsExactly("HIST_A1:ANOMALY:1");
        // the default period is the last 30 days: the SILENT alert of 40 days ago only with a period of its own
        assertThat(alertIds("machine=HIST_A3")).isEmpty();
        assertThat(alertIds("machine=HIST_A3&from=" + Instant.now().minus(Duration.ofDays(41)))).containsExactly(
                "HIST_A3:SILENT:1");
        // open during the period: HIST_A1's ANOMALY was cleared at T0 + 70 min, its PEER_DEVIATION at T0 + 100 min
        assertThat(alertIds("machine=HIST_A1&from=" + T0.plusSeconds(4800))).containsExactly("HIST_A1:PEER_DEVIATION:1");
        assertThat(alertIds("machine=HIST_A1&to=" + T0.plusSeconds(1200))).containsExactly("HIST_A1:ANOMALY:1");

        bad("/api/alerts/history?type=FIRE", "unknown type: FIRE");
        bad("/api/alerts/history?severity=loud", "unknown severity: loud");
        bad("/api/alerts/history?limit=0", "limit must be 1 to 10000");
        bad("/api/alerts/history?format=xml", "format must be csv or json");
    }

    @Test
    void theAlertHistoryAsCsvQuotesWhatNeedsIt() {
        final String byAccept = as(TestUsers.VIEWER).accept("text/csv").get("/api/alerts/history?machine=HIST_A1")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("alert-history.csv")).extract().asString();
        final String byFormat = as(TestUsers.VIEWER).get("/api/alerts/history?machine=HIST_A1&format=csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();

        assertThat(byFormat).isEqualTo(byAccept);
        final String[] lines = byAccept.split("\r\n");
        assertThat(lines[0]).isEqualTo("alert_id,machine_id,type,severity,peak_severity,status,raised_at,last_seen,"
                + "acknowledged_at,acknowledged_by,cleared_at,cleared_by,count,score,threshold,recommendation");
        assertThat(byAccept).contains("HIST_A1:ANOMALY:1,HIST_A1,ANOMALY,WARNING,CRITICAL,CLEARED," + T0 + ","
                + T0.plusSeconds(4200) + "," + T0.plusSeconds(600) + ",olga," + T0.plusSeconds(4200) + ",maria,3,0.7,0.6,"
                + "\"Check the bearing, \"\"now\"\"\nthen call maintenance\"\r\n");
        assertThat(byAccept).contains("HIST_A1:PEER_DEVIATION:1,HIST_A1,PEER_DEVIATION,WARNING,WARNING,CLEARED,");
        assertThat(byAccept).endsWith("\r\n");
    }

    // ---------------------------------------------------------------- fleet report

    @Test
    void theFleetReportCountsTimeInAlertClippedToThePeriodTopOffendersFirst() {
        final Instant from = T0.minus(Duration.ofHours(1));
        final Instant to = T0.plus(Duration.ofHours(4));
        final List<Map<String, Object>> machines = report(from, to);

        // HIST_A2: ANOMALY 30 min + DEGRADATION open from T0 + 2 h to the end (2 h) = 2.5 h;
        // HIST_A1: ANOMALY 0..70 min and PEER_DEVIATION 30..100 min overlap: 100 min, not 140
        assertThat(machines).extracting(m -> m.get("machine_id")).containsSubsequence("HIST_A2", "HIST_A1");
        final Map<String, Object> a2 = machine(machines, "HIST_A2");
        assertThat(a2).containsEntry("alerts", 2).containsEntry("open_at_end", 1).containsEntry("critical", 0)
                .containsEntry("time_in_alert_seconds", 9000);
        assertThat(((Number) a2.get("share_in_alert")).doubleValue()).isCloseTo(9000 / 18000.0, within(1e-6));
        assertThat(machine(machines, "HIST_A1")).containsEntry("alerts", 2).containsEntry("critical", 1)
                .containsEntry("open_at_end", 0).containsEntry("time_in_alert_seconds", 6000);

        // a period starting at T0 + 60 min: HIST_A1 is in alert until T0 + 100 min, 40 min of it
        assertThat(machine(report(T0.plusSeconds(3600), to), "HIST_A1")).containsEntry("alerts", 2)
                .containsEntry("time_in_alert_seconds", 2400);
        // a period ending in the future ends now: the open DEGRADATION counts until now, not beyond
        final JsonPath open = as(TestUsers.VIEWER).get("/api/reports/fleet?machine=HIST_A2&from=" + from + "&to="
                + Instant.now().plus(Duration.ofDays(1))).then().statusCode(200).extract().jsonPath();
        final long upToNow = Duration.between(T0.plusSeconds(7200), Instant.parse(open.getString("to"))).toSeconds();
        assertThat(open.getLong("machines[0].time_in_alert_seconds")).isCloseTo(1800 + upToNow, within(2L));
    }

    // ---------------------------------------------------------------- who may read it

    @Test
    void everyHistoryPathNeedsTheViewerRole() {
        for (final String path : List.of("/api/machines/HIST_1/history", "/api/alerts/history", "/api/reports/fleet")) {
            given().get(path).then().statusCode(401);
            as(TestUsers.NO_VIEWER).get(path).then().statusCode(403);
            as(TestUsers.VIEWER).get(path).then().statusCode(200);
        }
    }

    // ---------------------------------------------------------------- helpers

    static JsonPath history(final String machine, final Instant from, final Instant to, final String step) {
        return as(TestUsers.VIEWER).get("/api/machines/" + machine + "/history?from=" + from + "&to=" + to
                        + (step == null ? "" : "&step=" + step))
                .then().statusCode(200).body("machine_id", equalTo(machine)).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static List<String> alertIds(final String query) {
        return as(TestUsers.VIEWER).get("/api/alerts/history?" + query).then().statusCode(200)
                .extract().jsonPath().getList("alerts.alert_id");
    }

    private static List<Map<String, Object>> report(final Instant from, final Instant to) {
        return as(TestUsers.VIEWER).get("/api/reports/fleet?from=" + from + "&to=" + to).then().statusCode(200)
                .extract().jsonPath().getList("machines");
    }

    private static Map<String, Object> machine(final List<Map<String, Object>> machines, final String id) {
        return machines.stream().filter(m -> id.equals(m.get("machine_id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + machines));
    }

    private static void bad(final String path, final String message) {
        as(TestUsers.VIEWER).get(path).then().statusCode(400).contentType(containsString("application/json"))
                .body("error", containsString(message));
    }

    private static Instant evenHour(final Instant t) {
        final Instant hour = t.truncatedTo(ChronoUnit.HOURS);
        return hour.getEpochSecond() / 3600 % 2 == 0 ? hour : hour.minus(Duration.ofHours(1));
    }
}
