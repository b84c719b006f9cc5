package dev.pdm.iiot.bridge;

import java.time.Instant;
import java.util.Objects;

/**
 * An MQTT message as a bridge received it: from a device's PUBLISH (the HiveMQ extension) or from
 * a subscription (the Connect source).
 *
 * @param topic     the topic it was published on
 * @param payload   its payload as sent (empty, never null, when it had none)
 * @param qos       0, 1 or 2
 * @param duplicate whether it was flagged as a possible redelivery (DUP)
 * @param retained  whether it was a retained message
 * @param arrival   when the bridge received it: the record's timestamp
 */
public record InboundMessage(String topic, byte[] payload, int qos, boolean duplicate, boolean retained,
                             Instant arrival) {

    public InboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(arrival, "arrival");
    }
}
