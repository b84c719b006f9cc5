package dev.pdm.iiot.dashboard.view;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import org.junit.jupiter.api.Test;

import static dev.pdm.iiot.dashboard.Fixtures.T0;
import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

class AlertBookTest {

    private long version;

    private AlertEntry entry(final Alert alert) {
        return new AlertEntry(++version, alert);
    }

    @Test
    void keepsTheLatestStateOfEachAlert() {
        final AlertBook book = new AlertBook(10);

        book.put(entry(alert("M1", 1, AlertStatus.ACTIVE_UNACK, Severity.WARNING, T0)));
        book.put(entry(alert("M1", 1, AlertStatus.ACTIVE_ACK, Severity.WARNING, T0.plusSeconds(5))));

        assertThat(book.size()).isEqualTo(1);
        assertThat(book.find("M1:ANOMALY:1")).get().extracting(e -> e.alert().status()).isEqualTo(AlertStatus.ACTIVE_ACK);
        assertThat(book.openCount()).isEqualTo(1);
        assertThat(book.countOpen(AlertStatus.ACTIVE_UNACK)).isZero();
    }

    @Test
    void keepsEveryOpenAlertButOnlyTheMostRecentlyClearedOnes() {
        final AlertBook book = new AlertBook(2);
        for (int n = 1; n <= 5; n++) {
            book.put(entry(alert("M" + n, 1, AlertStatus.CLEARED, Severity.INFO, T0.plusSeconds(n))));
        }
        for (int n = 1; n <= 3; n++) {
            book.put(entry(alert("OPEN" + n, 1, AlertStatus.ACTIVE_UNACK, Severity.CRITICAL, T0)));
        }

        assertThat(book.size()).isEqualTo(5);
        assertThat(book.find("M5:ANOMALY:1")).isPresent();
        assertThat(book.find("M4:ANOMALY:1")).isPresent();
        assertThat(book.find("M3:ANOMALY:1")).isEmpty();
        assertThat(book.openCount()).isEqualTo(3);
    }

    @Test
    void anAlertThatIsClearedLeavesTheOpenOnes() {
        final AlertBook book = new AlertBook(5);
        book.put(entry(alert("M1", 1, AlertStatus.ACTIVE_UNACK, Severity.WARNING, T0)));

        book.put(entry(alert("M1", 1, AlertStatus.CLEARED, Severity.WARNING, T0.plusSeconds(1))));

        assertThat(book.openCount()).isZero();
        assertThat(book.size()).isEqualTo(1);
    }

    @Test
    void recentGivesTheLastAlertsOldestFirst() {
        final AlertBook book = new AlertBook(50);
        for (int n = 1; n <= 30; n++) {
            book.put(entry(alert("M" + n, 1, n % 2 == 0 ? AlertStatus.CLEARED : AlertStatus.ACTIVE_UNACK,
                    Severity.WARNING, T0.plusSeconds(n))));
        }

        assertThat(book.recent(20)).hasSize(20)
                .extracting(Alert::machineId)
                .startsWith("M11", "M12")
                .endsWith("M29", "M30");
    }
}
