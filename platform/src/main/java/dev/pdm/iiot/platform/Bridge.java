package dev.pdm.iiot.platform;

import java.util.Locale;

/** How readings get from MQTT into Kafka. */
public enum Bridge {

    /**
     * The HiveMQ extension of {@code connect/hivemq-kafka-bridge}, in the broker: a device's reading is
     * acknowledged only once Kafka stored it. The default.
     */
    HIVEMQ,

    /**
     * The MQTT source connector of {@code connect/kafka-connect-mqtt} on the Connect worker, subscribed
     * to the broker: the way to bridge a broker the platform does not run, here for comparison.
     */
    CONNECT;

    /** The lower-case name the launcher takes. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
