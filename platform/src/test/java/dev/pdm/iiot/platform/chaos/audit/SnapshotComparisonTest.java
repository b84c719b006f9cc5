package dev.pdm.iiot.platform.chaos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The detector's status of M1 (its updated_at the detector's clock). */
    static final String DETECTOR = "[{\"machine_id\":\"M1\",\"state\":\"NORMAL\",\"training_samples\":30,"
            + "\"training_target\":30,\"model_version\":2,\"last_reading\":{\"machine_id\":\"M1\","
            + "\"timestamp\":\"2026-12-06T10:00:00Z\",\"seq\":41,\"rpm\":1500.0},\"readings\":42,\"anomalies\":1,"
            + "\"duplicates\":3,\"updated_at\":\"2026-12-06T10:00:01Z\",\"health\":\"ALERT\","
            + "\"open_alert_id\":\"M1:DEGRADATION:1\",\"open_alerts\":{\"DEGRADATION\":\"M1:DEGRADATION:1\"}}]";
    /** The dashboard's summary of the same status (its last_seen Kafka's time). */
    static final String DASHBOARD = "[{\"machine_id\":\"M1\",\"state\":\"NORMAL\",\"training_samples\":30,"
            + "\"training_target\":30,\"model_version\":2,\"last_reading\":{\"machine_id\":\"M1\","
            + "\"timestamp\":\"2026-12-06T10:00:00.000Z\",\"seq\":41,\"rpm\":1500},\"readings\":42,\"anomalies\":1,"
            + "\"open_alert_id\":\"M1:DEGRADATION:1\",\"last_seen\":\"2026-12-06T10:00:02Z\",\"health\":\"ALERT\","
            + "\"open_alerts\":{\"DEGRADATION\":\"M1:DEGRADATION:1\"}}]";

    private static JsonNode json(final String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void findsNoDifferenceWhenBothShowTheSameState() throws Exception {
        assertThat(SnapshotComparison.compare(json(DETECTOR), json(DASHBOARD))).isEmpty();
    }

    @Test
    void namesEachFieldThatDiffers() throws Exception {
        final String stale = DASHBOARD.replace("\"model_version\":2", "\"model_version\":1")
                .replace("\"health\":\"ALERT\"", "\"health\":\"OK\"")
                .replace("\"open_alerts\":{\"DEGRADATION\":\"M1:DEGRADATION:1\"}", "\"open_alerts\":{}")
                .replace("\"seq\":41", "\"seq\":40");

        assertThat(SnapshotComparison.compare(json(DETECTOR), json(stale))).containsExactlyInAnyOrder(
                "M1: model_version is 2 on the detector, 1 on the dashboard",
                "M1: health is ALERT on the detector, OK on the dashboard",
                "M1: open_alerts is {DEGRADATION=M1:DEGRADATION:1} on the detector, {} on the dashboard",
                "M1: last_reading.seq is 41 on the detector, 40 on the dashboard");
    }

    @Test
    void findsAMachineOnOnlyOneSide() throws Exception {
        assertThat(SnapshotComparison.compare(json(DETECTOR), json("[]")))
                .containsExactly("M1: known to the detector, missing on the dashboard");
        assertThat(SnapshotComparison.compare(json("[]"), json(DASHBOARD)))
                .containsExactly("M1: on the dashboard, unknown to the detector");
    }

    @Test
    void saysSoWhenAnAnswerIsNotAList() throws Exception {
        assertThat(SnapshotComparison.compare(json("{\"error\":1}"), json("[]")))
                .containsExactly("the detector's answer is not a list of machines");
    }
}
