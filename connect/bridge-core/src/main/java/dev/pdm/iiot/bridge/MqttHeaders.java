package dev.pdm.iiot.bridge;

/** Headers both bridges put on every record: where and how the MQTT message arrived. */
public final class MqttHeaders {

    /** The MQTT topic the message was published on, e.g. {@code factory/machines/MACHINE_003/sensors}. */
    public static final String TOPIC = "mqtt.topic";
    /** The QoS it was delivered with: 0, 1 or 2. */
    public static final String QOS = "mqtt.qos";
    /** Whether the broker flagged it as a possible redelivery (DUP); such messages are forwarded, never dropped. */
    public static final String DUP = "mqtt.dup";
    /** Whether it was a retained message. */
    public static final String RETAINED = "mqtt.retained";
    /** When the bridge received it, ISO-8601 UTC; the record's timestamp is the same instant. */
    public static final String ARRIVAL = "mqtt.arrival";

    private MqttHeaders() {
    }
}
