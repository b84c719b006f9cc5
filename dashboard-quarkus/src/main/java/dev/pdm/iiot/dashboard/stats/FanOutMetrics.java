package dev.pdm.iiot.dashboard.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the WebSocket fan-out. Thread-safe. */
@ApplicationScoped
public class FanOutMetrics {

    private final AtomicInteger clients = new AtomicInteger();
    private final LongAdder connected = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder entries = new LongAdder();
    private final LongAdder snapshots = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong largestBacklog = new AtomicLong();

    public void clientOpened() {
        clients.incrementAndGet();
        connected.increment();
    }

    public void clientClosed() {
        clients.decrementAndGet();
    }

    public void sent(final int entryCount) {
        messages.increment();
        entries.add(entryCount);
    }

    public void snapshotSent() {
        snapshots.increment();
    }

    public void coalesced(final int n) {
        if (n > 0) {
            coalesced.add(n);
        }
    }

    public void dropped() {
        dropped.increment();
    }

    public void backlog(final int size) {
        largestBacklog.accumulateAndGet(size, Math::max);
    }

    public Snapshot snapshot() {
        return new Snapshot(clients.get(), connected.sum(), messages.sum(), entries.sum(), snapshots.sum(),
                coalesced.sum(), dropped.sum(), largestBacklog.get());
    }

    /**
     * @param clients        connected now
     * @param connected      connections accepted since start
     * @param messages       messages sent
     * @param entries        view entries sent in batches
     * @param snapshots      snapshots sent
     * @param coalesced      entries replaced by a newer one of the same key before a slow client got them
     * @param dropped        clients disconnected for not keeping up
     * @param largestBacklog the largest coalesced backlog of one client, in entries
     */
    public record Snapshot(
            @JsonProperty("clients") int clients,
            @JsonProperty("connected") long connected,
            @JsonProperty("messages") long messages,
            @JsonProperty("entries") long entries,
            @JsonProperty("snapshots") long snapshots,
            @JsonProperty("coalesced") long coalesced,
            @JsonProperty("dropped") long dropped,
            @JsonProperty("largest_backlog") long largestBacklog) {
    }
}
