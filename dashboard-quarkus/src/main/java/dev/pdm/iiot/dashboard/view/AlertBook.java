package dev.pdm.iiot.dashboard.view;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest state of every alert id: all open alerts, and the most recently cleared ones up to a
 * bound, so that memory does not grow with the history of the plant. Thread-safe.
 */
public final class AlertBook {

    private final int retainedCleared;
    private final Map<String, AlertEntry> open = new HashMap<>();
    /** In the order they were cleared, oldest first. */
    private final LinkedHashMap<String, AlertEntry> cleared = new LinkedHashMap<>();

    public AlertBook(final int retainedCleared) {
        if (retainedCleared < 0) {
            throw new IllegalArgumentException("retainedCleared must not be negative, was " + retainedCleared);
        }
        this.retainedCleared = retainedCleared;
    }

    /** Records the latest state of an alert. */
    public synchronized void put(final AlertEntry entry) {
        final String id = entry.alert().alertId();
        if (entry.alert().status().isOpen()) {
            cleared.remove(id);
            open.put(id, entry);
            return;
        }
        open.remove(id);
        cleared.remove(id);
        cleared.put(id, entry);
        final Iterator<AlertEntry> oldest = cleared.values().iterator();
        while (cleared.size() > retainedCleared && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    public synchronized Optional<AlertEntry> find(final String alertId) {
        final AlertEntry entry = open.get(alertId);
        return Optional.ofNullable(entry != null ? entry : cleared.get(alertId));
    }

    /** Every alert held: the open ones and the retained cleared ones. */
    public synchronized List<AlertEntry> all() {
        final List<AlertEntry> all = new ArrayList<>(open.size() + cleared.size());
        all.addAll(open.values());
        all.addAll(cleared.values());
        return all;
    }

    /** The last {@code n} alerts by the time of their latest state, oldest first. */
    public List<Alert> recent(final int n) {
        final List<Alert> alerts = new ArrayList<>();
        for (final AlertEntry entry : all()) {
            alerts.add(entry.alert());
        }
        alerts.sort(Comparator.comparing(Alert::timestamp).thenComparing(Alert::alertId));
        return Collections.unmodifiableList(alerts.subList(Math.max(0, alerts.size() - n), alerts.size()));
    }

    public synchronized int openCount() {
        return open.size();
    }

    public synchronized int countOpen(final AlertStatus status) {
        int n = 0;
        for (final AlertEntry entry : open.values()) {
            if (entry.alert().status() == status) {
                n++;
            }
        }
        return n;
    }

    /** Open alerts by type, types in alphabetical order. */
    public synchronized Map<String, Integer> openByType() {
        final Map<String, Integer> byType = new java.util.TreeMap<>();
        for (final AlertEntry entry : open.values()) {
            byType.merge(entry.alert().type(), 1, Integer::sum);
        }
        return byType;
    }

    public synchronized int size() {
        return open.size() + cleared.size();
    }
}
