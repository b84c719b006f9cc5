package dev.pdm.iiot.dashboard.view;

import java.util.List;

/**
 * The whole view at one moment: every entry it held, and the highest version given out when it was
 * taken. Entries applied while it was taken may or may not be in it; they also reach every
 * listener, and clients keep the higher version of each key.
 */
public record PlantSnapshot(
        long version,
        List<MachineEntry> machines,
        List<AlertEntry> alerts) {

    public PlantSnapshot {
        machines = List.copyOf(machines);
        alerts = List.copyOf(alerts);
    }
}
