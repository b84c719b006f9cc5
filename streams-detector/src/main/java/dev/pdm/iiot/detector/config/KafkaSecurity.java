package dev.pdm.iiot.detector.config;

import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka client settings that authenticate the detector ({@code kafka.security.protocol},
 * {@code kafka.sasl.*}, {@code kafka.ssl.*}; env {@code KAFKA_SECURITY_PROTOCOL}, …), for the clients
 * the detector makes itself besides Kafka Streams (which gets them as {@code kafka-streams.*}).
 */
public final class KafkaSecurity {

    private KafkaSecurity() {
    }

    /** The security settings among Quarkus' default Kafka configuration ({@code default-kafka-broker}). */
    public static Map<String, Object> of(final Map<String, Object> kafka) {
        final Map<String, Object> security = new HashMap<>();
        kafka.forEach((key, value) -> {
            if ((key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl."))
                    && value != null && !value.toString().isBlank()) {
                security.put(key, value);
            }
        });
        return security;
    }
}
