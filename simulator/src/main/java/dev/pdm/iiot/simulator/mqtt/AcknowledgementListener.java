package dev.pdm.iiot.simulator.mqtt;

/**
 * Hears of every reading the broker accepted: called exactly once per reading whose PUBACK carried
 * a success reason code (below {@code 0x80}), whichever transport carries it; never for a reading
 * refused for good, rejected as invalid or given up, and not again for a duplicate the client sent
 * after a reconnect. With the platform's broker an accepted reading is one Kafka stored, so this is
 * the record of what must not be lost.
 *
 * <p>It runs on the transport's own thread (Paho's callback thread of the connection, or the lean
 * publisher's one I/O thread, which serves every connection of the pool), while that thread holds
 * up further acknowledgements: it must be cheap and must not block (add to a concurrent collection,
 * count, hand off to a queue). Readings of different connections may be reported concurrently.
 */
@FunctionalInterface
public interface AcknowledgementListener {

    /** A listener that does nothing. */
    AcknowledgementListener NONE = (topic, payload) -> { };

    /**
     * @param topic   the topic the reading was published on, {@code factory/machines/{machineId}/sensors}
     * @param payload the bytes published: the reading's JSON, with its {@code machine_id} and per-machine
     *                {@code seq}; not to be modified
     */
    void acknowledged(String topic, byte[] payload);
}
