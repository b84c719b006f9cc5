package dev.pdm.iiot.dashboard.ws;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.dashboard.stats.PlantStatistics;
import dev.pdm.iiot.dashboard.view.AlertEntry;
import dev.pdm.iiot.dashboard.view.MachineEntry;
import dev.pdm.iiot.dashboard.view.PlantSnapshot;
import dev.pdm.iiot.dashboard.view.ViewEntry;
import dev.pdm.iiot.events.json.EventJson;

import java.util.ArrayList;
import java.util.List;

/** The JSON of the messages the server sends; see the module README for the protocol. */
final class MessageCodec {

    static final String SNAPSHOT = "snapshot";
    static final String BATCH = "batch";

    private MessageCodec() {
    }

    static String snapshot(final PlantSnapshot snapshot, final PlantStatistics statistics) {
        return EventJson.toJson(new Message(SNAPSHOT, snapshot.version(), snapshot.machines(), snapshot.alerts(),
                statistics));
    }

    static String batch(final Frame frame, final PlantStatistics statistics) {
        final List<MachineEntry> machines = new ArrayList<>();
        final List<AlertEntry> alerts = new ArrayList<>();
        long version = 0;
        for (final ViewEntry entry : frame.entries()) {
            version = Math.max(version, entry.v());
            if (entry instanceof MachineEntry m) {
                machines.add(m);
            } else if (entry instanceof AlertEntry a) {
                alerts.add(a);
            }
        }
        return EventJson.toJson(new Message(BATCH, version, emptyToNull(machines), emptyToNull(alerts), statistics));
    }

    private static <T> List<T> emptyToNull(final List<T> list) {
        return list.isEmpty() ? null : list;
    }

    /**
     * A snapshot or a batch of changes.
     *
     * @param type       {@code snapshot} or {@code batch}
     * @param version    a snapshot: the view's version when it was taken; a batch: its highest entry version
     * @param machines   machine statuses, each with the machine's last reading (left out of a batch when none changed)
     * @param alerts     alert states
     * @param statistics the statistics panel, when due
     */
    record Message(
            @JsonProperty("type") String type,
            @JsonProperty("version") long version,
            @JsonProperty("machines") List<MachineEntry> machines,
            @JsonProperty("alerts") List<AlertEntry> alerts,
            @JsonProperty("statistics") PlantStatistics statistics) {
    }
}
