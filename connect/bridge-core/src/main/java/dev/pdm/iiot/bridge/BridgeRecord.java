package dev.pdm.iiot.bridge;

import dev.pdm.iiot.events.validation.Rejection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The Kafka record an MQTT message becomes, in no client library's types: each bridge writes it
 * with its own (a {@code ProducerRecord}, a Connect {@code SourceRecord}), so that a reading is
 * the same record whichever bridge carried it. Header values are UTF-8 text.
 *
 * @param topic     {@code machine-telemetry}, or the dead-letter topic
 * @param key       the machine id, or null when the message yields none
 * @param value     the payload as sent, or for a dead letter at most the configured excerpt of it
 * @param timestamp the arrival, epoch milliseconds
 * @param headers   where and how the message arrived ({@link MqttHeaders}) and, for a dead letter, why
 *                  ({@link dev.pdm.iiot.events.DeadLetterHeaders})
 * @param rejection why the message is a dead letter, or null for a record on the topic
 */
public record BridgeRecord(String topic, String key, byte[] value, long timestamp, List<Header> headers,
                           Rejection rejection) {

    public BridgeRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        headers = List.copyOf(headers);
    }

    /** Whether this is a dead letter: a message rejected with a reason. */
    public boolean isDeadLetter() {
        return rejection != null;
    }

    /** The value of the last header of this name, or null. */
    public String header(final String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).name().equals(name)) {
                return headers.get(i).value();
            }
        }
        return null;
    }

    /** A record header: a name and a text value. */
    public record Header(String name, String value) {

        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** The value as Kafka carries it. */
        public byte[] bytes() {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
