package dev.pdm.iiot.dashboard.view;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.MachineStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dashboard's view of the plant, rebuilt from Kafka at every start: the latest status of each
 * machine (compacted {@code machine-status}, which carries the machine's last reading too) and the
 * latest state of each alert ({@code machine-alerts}). Every change gets the next version of one
 * counter and is passed to the listeners. Thread-safe.
 */
@ApplicationScoped
public class PlantView {

    private final AtomicLong versions = new AtomicLong();
    private final ConcurrentHashMap<String, MachineEntry> machines = new ConcurrentHashMap<>();
    private final AlertBook alerts;
    private final List<ViewListener> listeners = new CopyOnWriteArrayList<>();

    @Inject
    public PlantView(final DashboardConfig config) {
        this(config.alerts().retainedCleared());
    }

    public PlantView(final int retainedClearedAlerts) {
        this.alerts = new AlertBook(retainedClearedAlerts);
    }

    public void addListener(final ViewListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(final ViewListener listener) {
        listeners.remove(listener);
    }

    /**
     * The detector's latest status of a machine, or its removal when {@code status} is null.
     *
     * @return the status it replaced, or null when the machine was not known
     */
    public MachineStatus applyStatus(final String machineId, final MachineStatus status, final Instant seenAt) {
        final String id = status != null ? status.machineId() : Objects.requireNonNull(machineId, "machineId");
        final MachineStatus[] replaced = new MachineStatus[1];
        final MachineEntry entry = machines.compute(id, (k, old) -> {
            replaced[0] = old == null ? null : old.status();
            return new MachineEntry(versions.incrementAndGet(), k, status, seenAt);
        });
        if (status == null) {
            machines.remove(id, entry);
        }
        notifyListeners(entry);
        return replaced[0];
    }

    /** The latest state of an alert. */
    public AlertEntry applyAlert(final Alert alert) {
        final AlertEntry entry;
        synchronized (alerts) {
            entry = new AlertEntry(versions.incrementAndGet(), alert);
            alerts.put(entry);
        }
        notifyListeners(entry);
        return entry;
    }

    /** Every entry now held, and the version counter's value before they were read. */
    public PlantSnapshot snapshot() {
        final long version = versions.get();
        return new PlantSnapshot(version, new ArrayList<>(machines.values()), alerts.all());
    }

    /** The highest version given out so far. */
    public long version() {
        return versions.get();
    }

    public Collection<MachineEntry> machines() {
        return machines.values();
    }

    public Optional<MachineEntry> machine(final String machineId) {
        return Optional.ofNullable(machines.get(machineId));
    }

    public AlertBook alerts() {
        return alerts;
    }

    private void notifyListeners(final ViewEntry entry) {
        for (final ViewListener listener : listeners) {
            listener.changed(entry);
        }
    }
}
