package dev.pdm.iiot.simulator.output;

import dev.pdm.iiot.events.model.TelemetryReading;

/** Where generated readings go: an MQTT broker, a file. Called from one thread at a time. */
public interface ReadingSink extends AutoCloseable {

    /**
     * @param reading the reading
     * @param json    its JSON, exactly the bytes to send or store
     * @throws InterruptedException when the caller is stopped while the sink waits for room
     */
    void accept(TelemetryReading reading, byte[] json) throws InterruptedException;

    /** Sends or writes everything accepted so far, then releases what the sink holds. */
    @Override
    void close();
}
