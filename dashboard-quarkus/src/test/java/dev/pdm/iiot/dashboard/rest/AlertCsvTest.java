package dev.pdm.iiot.dashboard.rest;

import dev.pdm.iiot.dashboard.history.AlertRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertCsvTest {

    @Test
    void fieldsWithCommasQuotesLineBreaksOrEdgeSpacesAreQuotedWithTheirQuotesDoubled() {
        assertThat(AlertCsv.field("plain")).isEqualTo("plain");
        assertThat(AlertCsv.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(AlertCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AlertCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AlertCsv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(AlertCsv.field(" padded")).isEqualTo("\" padded\"");
        assertThat(AlertCsv.field(null)).isEmpty();
        assertThat(AlertCsv.field(0.25)).isEqualTo("0.25");
    }

    @Test
    void textASpreadsheetWouldTakeForAFormulaIsWrittenAsTextAndNumbersStayNumbers() {
        assertThat(AlertCsv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(AlertCsv.field("+1")).isEqualTo("'+1");
        assertThat(AlertCsv.field("-cmd")).isEqualTo("'-cmd");
        assertThat(AlertCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AlertCsv.field("\tx")).isEqualTo("'\tx");
        assertThat(AlertCsv.field(-0.71)).isEqualTo("-0.71");
        assertThat(AlertCsv.field("MACHINE_001")).isEqualTo("MACHINE_001");
    }

    @Test
    void oneHeaderAndOneLinePerAlertEndingInCrLf() {
        final Instant raised = Instant.parse("2026-12-06T08:00:00Z");
        final String csv = AlertCsv.of(List.of(new AlertRecord("M1:ANOMALY:1", "M1", "ANOMALY", "WARNING", "CRITICAL",
                "ACTIVE_ACK", raised, raised.plusSeconds(60), raised.plusSeconds(30), "olga", null, null, 4, 0.71, 0.6,
                "Check it, then \"log\" it", 2)));

        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv).endsWith("M1:ANOMALY:1,M1,ANOMALY,WARNING,CRITICAL,ACTIVE_ACK,2026-12-06T08:00:00Z,"
                + "2026-12-06T08:01:00Z,2026-12-06T08:00:30Z,olga,,,4,0.71,0.6,\"Check it, then \"\"log\"\" it\"\r\n");
    }
}
