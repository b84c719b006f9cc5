package dev.pdm.iiot.dashboard.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.json.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a browser holds, built from the messages of {@code /ws/plant} exactly as the page builds it:
 * a snapshot replaces everything; an entry of a batch is applied only when its version is higher
 * than the one held. Thread-safe: messages arrive on the client's event loop.
 */
public final class ClientModel {

    private static final ObjectMapper JSON = EventJson.newMapper();

    public final Map<String, JsonNode> machines = new ConcurrentHashMap<>();
    public final Map<String, JsonNode> alerts = new ConcurrentHashMap<>();
    public final List<JsonNode> messages = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Every machine entry applied, per machine, in the order it was applied. */
    public final Map<String, List<JsonNode>> appliedMachines = new ConcurrentHashMap<>();
    private volatile JsonNode statistics;

    public void accept(final String text) {
        final JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            messages.add(message);
            if ("snapshot".equals(message.path("type").asText())) {
                machines.clear();
                alerts.clear();
            }
            for (final JsonNode entry : message.path("machines")) {
                if (keepNewer(machines, entry.path("machine_id").asText(), entry)) {
                    appliedMachines.computeIfAbsent(entry.path("machine_id").asText(),
                            k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(entry);
                }
            }
            for (final JsonNode entry : message.path("alerts")) {
                keepNewer(alerts, entry.path("alert").path("alert_id").asText(), entry);
            }
            if (message.hasNonNull("statistics")) {
                statistics = message.get("statistics");
            }
        }
    }

    private static boolean keepNewer(final Map<String, JsonNode> into, final String key, final JsonNode entry) {
        final JsonNode held = into.get(key);
        if (held == null || held.path("v").asLong() < entry.path("v").asLong()) {
            into.put(key, entry);
            return true;
        }
        return false;
    }

    public JsonNode statistics() {
        return statistics;
    }

    public synchronized List<JsonNode> messagesCopy() {
        return new ArrayList<>(messages);
    }

    public long version(final Map<String, JsonNode> map, final String key) {
        final JsonNode entry = map.get(key);
        return entry == null ? -1 : entry.path("v").asLong();
    }

    /** The temperature of the machine's last reading, as its status carries it; NaN when none is held. */
    public double temperature(final String machineId) {
        final JsonNode entry = machines.get(machineId);
        return entry == null ? Double.NaN
                : entry.path("status").path("last_reading").path("temperature").asDouble(Double.NaN);
    }

    public String alertStatus(final String alertId) {
        final JsonNode entry = alerts.get(alertId);
        return entry == null ? null : entry.path("alert").path("status").asText();
    }
}
