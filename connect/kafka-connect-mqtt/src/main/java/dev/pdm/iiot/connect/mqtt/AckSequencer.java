package dev.pdm.iiot.connect.mqtt;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Acknowledges received QoS 1 and 2 messages to the broker in the order they arrived, each only once
 * it is done (its Kafka record acknowledged). MQTT 5 requires PUBACKs in the order of the PUBLISHes
 * (section 4.6), while Kafka may complete records out of order across partitions; so a done message
 * waits until every message received before it is done too, and then the whole completed prefix is
 * acknowledged.
 *
 * <p>Entries belong to one connection (an epoch). After a reconnect the broker redelivers what was not
 * acknowledged, with the same packet ids and the DUP flag; acknowledgements of an earlier connection
 * are therefore dropped, never sent on the new one. Thread-safe; the acknowledger runs under the lock
 * so that acknowledgements leave in order.
 */
public final class AckSequencer {

    /** Sends one acknowledgement; must not block. */
    @FunctionalInterface
    public interface Acknowledger {
        void acknowledge(int messageId, int qos);
    }

    private static final class Entry {
        final long seq;
        final int messageId;
        final int qos;
        boolean done;

        Entry(final long seq, final int messageId, final int qos) {
            this.seq = seq;
            this.messageId = messageId;
            this.qos = qos;
        }
    }

    private final Acknowledger acknowledger;
    private final ArrayDeque<Entry> order = new ArrayDeque<>();
    private final Map<Long, Entry> bySeq = new HashMap<>();
    private long epoch = -1;
    private long acknowledged;

    public AckSequencer(final Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /** Starts a new connection: forgets the pending entries of the previous one; returns how many. */
    public synchronized int reset(final long newEpoch) {
        final int dropped = order.size();
        order.clear();
        bySeq.clear();
        epoch = newEpoch;
        return dropped;
    }

    /**
     * Registers a received message awaiting acknowledgement. Messages of QoS 0, or of another epoch
     * than the current one, need none and are not registered.
     *
     * @return whether the message was registered
     */
    public synchronized boolean received(final long seq, final int messageId, final int qos, final long messageEpoch) {
        if (qos == 0 || messageEpoch != epoch) {
            return false;
        }
        final Entry entry = new Entry(seq, messageId, qos);
        order.addLast(entry);
        bySeq.put(seq, entry);
        return true;
    }

    /**
     * Marks a message done and acknowledges the completed prefix.
     *
     * @return how many acknowledgements were sent
     */
    public synchronized int complete(final long seq) {
        final Entry entry = bySeq.remove(seq);
        if (entry == null) {
            return 0;
        }
        entry.done = true;
        int sent = 0;
        while (!order.isEmpty() && order.peekFirst().done) {
            final Entry head = order.pollFirst();
            acknowledger.acknowledge(head.messageId, head.qos);
            sent++;
        }
        acknowledged += sent;
        return sent;
    }

    /** Messages received on the current connection and not acknowledged yet. */
    public synchronized int inFlight() {
        return order.size();
    }

    public synchronized long acknowledged() {
        return acknowledged;
    }
}
