package dev.pdm.iiot.dashboard.ws;

import dev.pdm.iiot.dashboard.view.ViewEntry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes waiting to be sent, coalesced by key: of two entries of one machine or alert only the
 * higher version stays. Its size is bounded by the number of keys, not by the rate of changes.
 * Not thread-safe; guarded by its owner.
 */
final class Frame {

    private final Map<String, ViewEntry> entries = new LinkedHashMap<>();

    /** Adds an entry; returns 1 when it or an older entry of its key was discarded, else 0. */
    int merge(final ViewEntry entry) {
        final ViewEntry old = entries.putIfAbsent(entry.key(), entry);
        if (old == null) {
            return 0;
        }
        if (old.v() < entry.v()) {
            entries.put(entry.key(), entry);
        }
        return 1;
    }

    /** Adds every entry of another frame; returns how many entries were discarded. */
    int mergeAll(final Frame other) {
        int discarded = 0;
        for (final ViewEntry entry : other.entries.values()) {
            discarded += merge(entry);
        }
        return discarded;
    }

    Collection<ViewEntry> entries() {
        return entries.values();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }
}
