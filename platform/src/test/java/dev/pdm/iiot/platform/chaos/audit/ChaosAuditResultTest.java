package dev.pdm.iiot.platform.chaos.audit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosAuditResultTest {

    private static final ReadingSet.Missing NONE = new ReadingSet.Missing(0, List.of());

    private static ChaosAudit.Result result(final long lost, final long scoredTwice, final long duplicateAlerts,
                                      final long lostModels, final long missingOnMqtt, final List<String> snapshot) {
        return new ChaosAudit.Result(1_000, 0, 0,
                new TelemetryAudit.Summary(1_010, 1_000, 10, 0, lost, new ReadingSet.Missing(lost, List.of())),
                new ScoringAudit.Summary(1_000 + scoredTwice, 1_000, scoredTwice, List.of(), 0, 970, 0, 0, 0, NONE),
                new AlertAudit.Summary(12, 4, duplicateAlerts, duplicateAlerts == 0 ? Map.of()
                        : Map.of(AlertAudit.Kind.REOPENED, duplicateAlerts), List.of(), 0),
                new ModelAudit.Summary(6, 5, 1, Map.of(), lostModels, List.of(), 0, 0),
                new MqttAlertAudit.Summary(12, missingOnMqtt, 0, Map.of(), List.of()), snapshot);
    }

    @Test
    void passesARunWithNothingLostOrTwice() {
        final ChaosAudit.Result clean = result(0, 0, 0, 0, 0, List.of());

        assertThat(clean.passed()).isTrue();
        assertThat(clean.telemetryDuplicates()).isEqualTo(10);
    }

    @Test
    void failsOnEachKindOfFault() {
        assertThat(result(1, 0, 0, 0, 0, List.of()).passed()).isFalse();
        assertThat(result(0, 1, 0, 0, 0, List.of()).passed()).isFalse();
        assertThat(result(0, 0, 1, 0, 0, List.of()).passed()).isFalse();
        assertThat(result(0, 0, 0, 1, 0, List.of()).passed()).isFalse();
        assertThat(result(0, 0, 0, 0, 1, List.of()).passed()).isFalse();
        assertThat(result(0, 0, 0, 0, 0, List.of("M1: health differs")).passed()).isFalse();
    }

    @Test
    void failsARunWithNoAcknowledgedReading() {
        final ChaosAudit.Result clean = result(0, 0, 0, 0, 0, List.of());
        final ChaosAudit.Result empty = new ChaosAudit.Result(0, 0, 0, clean.telemetry(), clean.scoring(), clean.alerts(),
                clean.models(), clean.mqtt(), List.of());

        assertThat(empty.passed()).isFalse();
    }

    @Test
    void writesOneTableRowPerFigure() {
        final String markdown = result(0, 0, 2, 0, 0, List.of()).toMarkdown();

        assertThat(markdown).startsWith("| check | figure | verdict |\n|---|---:|---|\n");
        assertThat(markdown).contains("| readings acknowledged (PUBACK) | 1,000 |  |")
                .contains("| duplicates in machine-telemetry | 10 | allowed |")
                .contains("| alerts raised twice | 2 (REOPENED 2) | FAIL |")
                .contains("| acknowledged readings lost | 0 | pass |");
        assertThat(markdown.lines()).hasSize(16);
    }

    @Test
    void listsTheFindingsOnlyWhenThereAreAny() {
        final ChaosAudit.Result clean = result(0, 0, 0, 0, 0, List.of());
        final ChaosAudit.Result differing = result(0, 0, 0, 0, 0, List.of("M1: health is ALERT on the detector, "
                + "OK on the dashboard"));

        assertThat(clean.findingsMarkdown()).isEmpty();
        assertThat(differing.findingsMarkdown())
                .isEqualTo("- dashboard vs detector: M1: health is ALERT on the detector, OK on the dashboard\n");
    }
}
