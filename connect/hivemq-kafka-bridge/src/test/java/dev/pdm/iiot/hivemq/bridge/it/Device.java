package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.bridge.testing.HostilePayloads;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A machine publishing its readings at QoS 1 on {@code factory/machines/{machine}/sensors} as a
 * well-behaved device does: a reading counts as delivered only on a successful PUBACK; one the
 * broker refused is published again; at most {@code window} readings are in flight.
 */
abstract class Device implements AutoCloseable {

    private static final long RESEND_PAUSE_NANOS = 200_000_000L;

    protected final String machine;
    protected final String topic;
    protected final int window;
    private final Deque<Long> queue = new ConcurrentLinkedDeque<>();
    private final Set<Long> acked = new ConcurrentSkipListSet<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong connectionsLost = new AtomicLong();
    private volatile long resendAfter = System.nanoTime();

    protected Device(final String machine, final int window) {
        this.machine = machine;
        this.topic = "factory/machines/" + machine + "/sensors";
        this.window = window;
    }

    String machine() {
        return machine;
    }

    /** Queues a reading; it goes out as soon as the window allows. */
    void publish(final long seq) {
        queue.addLast(seq);
        pump();
    }

    /** Sends what the window allows; called again on every answer and periodically by the test. */
    final synchronized void pump() {
        if (System.nanoTime() - resendAfter < 0) {
            return;
        }
        while (inFlight.size() < window && isConnected()) {
            final Long seq = queue.pollFirst();
            if (seq == null) {
                return;
            }
            inFlight.add(seq);
            if (!send(seq, HostilePayloads.reading(machine, seq))) {
                inFlight.remove(seq);
                queue.addFirst(seq);
                return;
            }
        }
    }

    /** Hands one reading to the MQTT client; false when it cannot take it now. */
    protected abstract boolean send(long seq, byte[] payload);

    protected abstract boolean isConnected();

    /** A successful PUBACK (also for a reading given up as lost before: the broker has it). */
    protected final void acknowledged(final long seq) {
        acked.add(seq);
        inFlight.remove(seq);
    }

    /** A PUBACK with a failure code: the reading goes out again after a pause. */
    protected final void refused(final long seq) {
        refusals.incrementAndGet();
        resendAfter = System.nanoTime() + RESEND_PAUSE_NANOS;
        if (inFlight.remove(seq)) {
            queue.addFirst(seq);
        }
    }

    /** The publish failed without a PUBACK (the connection was lost): the reading goes out again. */
    protected final void lost(final long seq) {
        if (inFlight.remove(seq)) {
            queue.addFirst(seq);
        }
    }

    protected final void connectionLost() {
        connectionsLost.incrementAndGet();
    }

    Set<Long> acked() {
        return Set.copyOf(acked);
    }

    long refusals() {
        return refusals.get();
    }

    long connectionsLost() {
        return connectionsLost.get();
    }

    @Override
    public String toString() {
        return machine + " (acked " + acked.size() + ", queued " + queue.size() + ", in flight " + inFlight
                + ", connected " + isConnected() + ", refusals " + refusals + ", connections lost " + connectionsLost + ")";
    }

    /** Readings queued or in flight. */
    int pending() {
        return queue.size() + inFlight.size();
    }
}
