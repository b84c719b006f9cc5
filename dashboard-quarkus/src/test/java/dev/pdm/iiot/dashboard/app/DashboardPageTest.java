package dev.pdm.iiot.dashboard.app;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import dev.pdm.iiot.dashboard.support.Browser;
import dev.pdm.iiot.dashboard.support.TestUsers;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.Severity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.Fixtures.scored;
import static dev.pdm.iiot.dashboard.Fixtures.training;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page in real headless Chromium, with the view fed directly (no broker) and the stand-in
 * detector answering ack; the same on Kafka is {@code DashboardPageIT}. Every test signs in through
 * the login form first; one shows the form's refusal, a viewer's page and the sign-out.
 */
@QuarkusTest
@WithTestResource(StubDetectorResource.class)
class DashboardPageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    PlantView view;

    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = new Browser();
    }

    @Test
    void theLoginFormSaysWhatWentWrongSignsInAndOut() {
        browser.open(base.toString());
        browser.await("the login form", PATIENCE, d -> d.getCurrentUrl().endsWith("/login.html") && browser.present("#login"));
        browser.screenshot("login");
        browser.find("#username").sendKeys(TestUsers.VIEWER);
        browser.find("#password").sendKeys("not-her-password");
        browser.find("#sign-in").click();
        browser.await("the refusal", PATIENCE, d -> browser.find("#message").isDisplayed()
                && browser.find("#message").getText().contains("Wrong user name or password"));

        browser.signIn(base.toString(), TestUsers.VIEWER);
        assertThat(browser.find("#user").getText()).isEqualTo(TestUsers.VIEWER + " · viewer");
        view.applyAlert(alert("VIEW_1", 1, AlertStatus.ACTIVE_UNACK, Severity.WARNING, Instant.now()));
        browser.await("a viewer's alert without a usable ack", PATIENCE,
                d -> browser.present("[data-alert='VIEW_1:ANOMALY:1'] button.ack:disabled"));

        browser.find("#sign-out").click();
        browser.await("signed out", PATIENCE, d -> d.getCurrentUrl().contains("/login.html")
                && browser.find("#message").getText().contains("signed out"));
        browser.open(base.toString());
        browser.await("the login form again", PATIENCE, d -> d.getCurrentUrl().endsWith("/login.html"));
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void cardsShowTheMachinesAndAnAckChangesTheAlertsStatus() {
        view.applyStatus("PAGE_1", scored("PAGE_1", MachineState.ANOMALY, 0.83, 120, "PAGE_1:ANOMALY:1"), Instant.now());
        view.applyStatus("PAGE_2", training("PAGE_2", 12), Instant.now());
        browser.signIn(base.toString(), TestUsers.OPERATOR);

        browser.await(PATIENCE, d -> browser.present("[data-machine='PAGE_1']") && browser.present("[data-machine='PAGE_2']"));
        assertThat(browser.find("[data-machine='PAGE_2'] .badge").getText()).isEqualTo("LEARNING");
        assertThat(browser.find("[data-machine='PAGE_2'] .why").getText()).isEqualTo("learning its normal: 12/30 readings");
        assertThat(browser.find("[data-machine='PAGE_2']").getAttribute("data-health")).isEqualTo("LEARNING");
        // a status without health (an older detector) with an alert open: ALERT, of the type its id names
        assertThat(browser.find("[data-machine='PAGE_1']").getAttribute("data-health")).isEqualTo("ALERT");
        assertThat(browser.find("[data-machine='PAGE_1'] .badge").getText()).isEqualTo("ALERT");
        assertThat(browser.find("[data-machine='PAGE_1'] .why").getText()).isEqualTo("ANOMALY");
        assertThat(browser.find("[data-machine='PAGE_1']").getAttribute("data-state")).isEqualTo("ANOMALY");
        assertThat(browser.find("[data-machine='PAGE_1'] .foot").getText()).contains("score 0.83 / 0.60");
        // the live values are the last reading the status carries
        assertThat(browser.find("[data-machine='PAGE_1'] .values").getText()).contains("70.0", "1500");
        assertThat(browser.find("[data-machine='PAGE_2'] .values").getText()).contains("65.0");

        final Alert raised = alert("PAGE_1", 1, AlertStatus.ACTIVE_UNACK, Severity.CRITICAL, Instant.now());
        view.applyAlert(raised);
        browser.await(PATIENCE, d -> browser.present("[data-alert='PAGE_1:ANOMALY:1'] button.ack:enabled"));

        StubDetectorResource.stub().answer("POST /alerts/PAGE_1:ANOMALY:1/ack", StubDetector.Answer.of(202,
                "{\"alert_id\":\"PAGE_1:ANOMALY:1\",\"machine_id\":\"PAGE_1\",\"action\":\"ACK\",\"by\":\"olga\","
                        + "\"at\":\"2025-11-21T21:30:00Z\"}"));
        browser.await(PATIENCE, d -> {
            browser.find("[data-alert='PAGE_1:ANOMALY:1'] button.ack").click();
            return true;
        });
        await().atMost(PATIENCE).until(() -> StubDetectorResource.stub().requests.stream()
                .anyMatch(r -> r.pathAndQuery().equals("/alerts/PAGE_1:ANOMALY:1/ack")
                        && TestUsers.OPERATOR.equals(r.onBehalfOf())));
        browser.await(PATIENCE, d -> browser.find("[data-alert='PAGE_1:ANOMALY:1'] .result").getText()
                .contains("via detector"));
        // the detector's part: it emits the alert's new state
        view.applyAlert(alert("PAGE_1", 1, AlertStatus.ACTIVE_ACK, Severity.CRITICAL, Instant.now()));

        browser.await(PATIENCE, d -> "ACTIVE_ACK".equals(
                browser.find("[data-alert='PAGE_1:ANOMALY:1']").getAttribute("data-status")));
        browser.screenshot("dashboard-without-broker");
    }

    @Test
    void chartsStartFromTheDetectorsRecentReadings() {
        final StringBuilder history = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            history.append(i == 0 ? "" : ",").append("{\"reading\":{\"machine_id\":\"HIST_PAGE\",\"timestamp\":\"")
                    .append(Instant.parse("2025-11-21T21:28:00Z").plusSeconds(i)).append("\",\"temperature\":")
                    .append(65 + i).append("},\"score\":").append(0.4 + i / 100.0)
                    .append(",\"threshold\":0.6,\"anomaly\":false,\"model_version\":1}");
        }
        StubDetectorResource.stub().answer("GET /machines/HIST_PAGE/readings?last=120",
                StubDetector.Answer.of(200, history.append("]").toString()));
        view.applyStatus("HIST_PAGE", scored("HIST_PAGE", MachineState.NORMAL, 0.45, 40, null), Instant.now());
        browser.signIn(base.toString(), TestUsers.VIEWER);

        browser.await("the card of HIST_PAGE", PATIENCE, d -> browser.present("[data-machine='HIST_PAGE']"));
        browser.find("[data-machine='HIST_PAGE']").click();

        // the live reading (21:28:02) is one of the history's eight (21:28:00 to :07): one point each
        browser.await("eight points of history in the charts", PATIENCE, d -> ((Number)
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "return charts.temperature.data.datasets[0].data.length")).intValue() == 8);
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "return charts.score.data.datasets[0].data.length")).intValue()).isEqualTo(8);
        assertThat(browser.find("#detail-notice").isDisplayed()).isFalse();
        assertThat(browser.find("#detail-title").getText()).isEqualTo("HIST_PAGE");
    }
}
