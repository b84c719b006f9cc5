package dev.pdm.iiot.notifier.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.notifier.store.NotificationKind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRendererTest {

    private static final MessageRenderer RENDERER = new MessageRenderer(URI.create("https://pdm.example/"));
    private static final Alert ALERT = Alert.prototype("MACHINE_003:ANOMALY:1", "MACHINE_003",
            Instant.parse("2025-11-21T21:28:04Z"), -0.71, Map.of("temperature", 82.4), Severity.CRITICAL,
            "Schedule inspection: Temperature exceeds safe threshold");

    private static String json(final Alert alert) {
        return new String(EventJson.toBytes(alert), StandardCharsets.UTF_8);
    }

    @Test
    void linksToTheAlertOnTheDashboard() {
        assertThat(RENDERER.link("MACHINE_003:ANOMALY:1")).isEqualTo("https://pdm.example/?alert=MACHINE_003%3AANOMALY%3A1");
    }

    @Test
    void aRaiseSaysWhatWhereAndHowBadWithTheLink() throws Exception {
        final Message message = RENDERER.alert(NotificationKind.RAISED, "plant", json(ALERT));

        assertThat(message.subject()).isEqualTo("[CRITICAL] ANOMALY on MACHINE_003: raised");
        assertThat(message.text()).contains("MACHINE_003:ANOMALY:1", "Temperature exceeds safe threshold",
                "https://pdm.example/?alert=MACHINE_003%3AANOMALY%3A1", "rule plant");
        final JsonNode json = new ObjectMapper().readTree(message.json());
        assertThat(json.path("kind").asText()).isEqualTo("RAISED");
        assertThat(json.path("alert").path("alert_id").asText()).isEqualTo("MACHINE_003:ANOMALY:1");
        assertThat(json.path("link").asText()).isEqualTo("https://pdm.example/?alert=MACHINE_003%3AANOMALY%3A1");
        assertThat(message.chat()).startsWith(message.subject()).endsWith(RENDERER.link("MACHINE_003:ANOMALY:1"));
    }

    @Test
    void anEscalationAndAClearSayWhatHappened() {
        assertThat(RENDERER.alert(NotificationKind.ESCALATED, "plant", json(ALERT)).subject())
                .isEqualTo("[CRITICAL] ANOMALY on MACHINE_003: ESCALATED: still unacknowledged");
        assertThat(RENDERER.alert(NotificationKind.RESOLVED, "plant", json(ALERT)).subject()).endsWith(": resolved");
    }

    @Test
    void aDigestListsEveryAlertWithItsLink() throws Exception {
        final Alert other = Alert.prototype("MACHINE_004:ANOMALY:2", "MACHINE_004", Instant.parse("2025-11-21T21:30:00Z"),
                -0.4, Map.of(), Severity.WARNING, "Monitor closely for additional anomalies");
        final Message message = RENDERER.digest("hourly", Instant.parse("2025-11-21T21:00:00Z"),
                Instant.parse("2025-11-21T22:00:00Z"), List.of(json(ALERT), json(other)));

        assertThat(message.subject()).isEqualTo("[digest] 2 alerts from 2025-11-21T21:00:00Z to 2025-11-21T22:00:00Z");
        assertThat(message.text()).contains("[CRITICAL] ANOMALY on MACHINE_003", "[WARNING] ANOMALY on MACHINE_004",
                RENDERER.link("MACHINE_004:ANOMALY:2"));
        final JsonNode json = new ObjectMapper().readTree(message.json());
        assertThat(json.path("alerts")).hasSize(2);
        assertThat(json.path("period_end").asText()).isEqualTo("2025-11-21T22:00:00Z");
    }
}
