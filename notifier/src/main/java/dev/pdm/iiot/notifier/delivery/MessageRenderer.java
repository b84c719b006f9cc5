package dev.pdm.iiot.notifier.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.notifier.store.NotificationKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Words and JSON of a notification, with the link to the alert on the dashboard
 * ({@code <dashboard-url>/?alert=<alert id>}).
 */
public final class MessageRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String dashboard;

    public MessageRenderer(final URI dashboardUrl) {
        final String url = dashboardUrl.toString();
        this.dashboard = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The dashboard's page of the alert. */
    public String link(final String alertId) {
        return dashboard + "/?alert=" + URLEncoder.encode(alertId, StandardCharsets.UTF_8);
    }

    /** A raise, escalation or clear of one alert, whose JSON is {@code payload}. */
    public Message alert(final NotificationKind kind, final String rule, final String payload) {
        final Alert alert = read(payload);
        final String what = switch (kind) {
            case RAISED -> "raised";
            case ESCALATED -> "ESCALATED: still unacknowledged";
            case RESOLVED -> "resolved";
            case DIGEST -> throw new IllegalArgumentException("a digest is rendered by digest()");
        };
        final String subject = "[" + alert.peakSeverity() + "] " + alert.type() + " on " + alert.machineId() + ": " + what;
        final String link = link(alert.alertId());
        final String text = subject + "\n\n"
                + "Alert:          " + alert.alertId() + "\n"
                + "Machine:        " + alert.machineId() + "\n"
                + "Type:           " + alert.type() + "\n"
                + "Severity:       " + alert.severity() + " (peak " + alert.peakSeverity() + ")\n"
                + "Status:         " + alert.status() + "\n"
                + "First seen:     " + alert.firstSeen() + "\n"
                + "Last seen:      " + alert.lastSeen() + " (" + alert.count() + " times)\n"
                + (alert.acknowledgedBy() == null ? "" : "Acknowledged:   by " + alert.acknowledgedBy() + "\n")
                + "Recommendation: " + (alert.recommendation() == null ? "-" : alert.recommendation()) + "\n\n"
                + "Open it: " + link + "\n\n"
                + "Sent by the notifier's rule " + rule + ".\n";
        final ObjectNode json = JSON.createObjectNode()
                .put("kind", kind.name())
                .put("rule", rule)
                .put("link", link);
        json.set("alert", tree(payload));
        final String chat = subject + "\n" + (alert.recommendation() == null ? "" : alert.recommendation() + "\n") + link;
        return new Message(subject, text, json.toString(), chat);
    }

    /** The alerts a digest rule collected over {@code [from, to)}. */
    public Message digest(final String rule, final Instant from, final Instant to, final List<String> payloads) {
        final String subject = "[digest] " + payloads.size() + (payloads.size() == 1 ? " alert" : " alerts")
                + " from " + from + " to " + to;
        final StringBuilder lines = new StringBuilder();
        final ArrayNode alerts = JSON.createArrayNode();
        for (final String payload : payloads) {
            final Alert alert = read(payload);
            lines.append("- [").append(alert.peakSeverity()).append("] ").append(alert.type()).append(" on ")
                    .append(alert.machineId()).append(" at ").append(alert.firstSeen()).append(": ")
                    .append(link(alert.alertId())).append('\n');
            final ObjectNode entry = alerts.addObject().put("link", link(alert.alertId()));
            entry.set("alert", tree(payload));
        }
        final ObjectNode json = JSON.createObjectNode()
                .put("kind", NotificationKind.DIGEST.name())
                .put("rule", rule)
                .put("period_start", from.toString())
                .put("period_end", to.toString());
        json.set("alerts", alerts);
        final String text = subject + "\n\n" + lines + "\nSent by the notifier's rule " + rule + ".\n";
        return new Message(subject, text, json.toString(), subject + "\n" + lines);
    }

    private static Alert read(final String payload) {
        try {
            return EventJson.readerFor(Alert.class).readValue(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored alert that cannot be read", e);
        }
    }

    private static JsonNode tree(final String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
