package dev.pdm.iiot.platform.chaos.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what the dashboard shows of every machine ({@code GET /api/machines}: a summary of the
 * latest status it consumed from {@code machine-status}) with the detector's live state of it
 * ({@code GET /machines}: each machine's status computed from its store, over all instances). Both
 * carry the fields of the machine status; compared are those that only change with a reading, an
 * alert or a model: {@link #FIELDS}, and the last reading's {@code seq} and {@code timestamp}. The
 * status's {@code updated_at} (the detector's clock) and the dashboard's {@code last_seen} (Kafka's)
 * are left out. Pure.
 */
public final class SnapshotComparison {

    /** The status fields compared, as both name them. */
    public static final List<String> FIELDS = List.of("state", "model_version", "health", "open_alerts", "readings",
            "anomalies", "training_samples");

    private SnapshotComparison() {
    }

    /**
     * @param detector  the detector's {@code /machines}: an array of statuses
     * @param dashboard the dashboard's {@code /api/machines}: an array of summaries
     * @return one line per difference, empty when they agree
     */
    public static List<String> compare(final JsonNode detector, final JsonNode dashboard) {
        final List<String> differences = new ArrayList<>();
        final Map<String, JsonNode> live = byMachine(detector, "detector", differences);
        final Map<String, JsonNode> shown = byMachine(dashboard, "dashboard", differences);
        final TreeSet<String> machines = new TreeSet<>(live.keySet());
        machines.addAll(shown.keySet());
        for (final String machine : machines) {
            final JsonNode a = live.get(machine);
            final JsonNode b = shown.get(machine);
            if (a == null) {
                differences.add(machine + ": on the dashboard, unknown to the detector");
                continue;
            }
            if (b == null) {
                differences.add(machine + ": known to the detector, missing on the dashboard");
                continue;
            }
            for (final String field : FIELDS) {
                compareField(machine, field, a.get(field), b.get(field), differences);
            }
            compareField(machine, "last_reading.seq", a.path("last_reading").get("seq"),
                    b.path("last_reading").get("seq"), differences);
            compareField(machine, "last_reading.timestamp", a.path("last_reading").get("timestamp"),
                    b.path("last_reading").get("timestamp"), differences);
        }
        return differences;
    }

    private static void compareField(final String machine, final String field, final JsonNode detector,
                                     final JsonNode dashboard, final List<String> differences) {
        final String a = normal(detector);
        final String b = normal(dashboard);
        if (!a.equals(b)) {
            differences.add(machine + ": " + field + " is " + a + " on the detector, " + b + " on the dashboard");
        }
    }

    private static Map<String, JsonNode> byMachine(final JsonNode machines, final String source,
                                                   final List<String> differences) {
        final Map<String, JsonNode> byId = new TreeMap<>();
        if (machines == null || !machines.isArray()) {
            differences.add("the " + source + "'s answer is not a list of machines");
            return byId;
        }
        for (final JsonNode machine : machines) {
            final String id = machine.path("machine_id").asText(null);
            if (id != null) {
                byId.put(id, machine);
            }
        }
        return byId;
    }

    /** A value in one spelling: absent and null alike, numbers without trailing zeros, instants as ISO-8601, objects by key. */
    static String normal(final JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.asText()).toString();
            } catch (DateTimeParseException notAnInstant) {
                return value.asText();
            }
        }
        if (value.isObject()) {
            final Map<String, String> sorted = new TreeMap<>();
            value.properties().forEach(e -> sorted.put(e.getKey(), normal(e.getValue())));
            return sorted.toString();
        }
        return value.toString();
    }
}
