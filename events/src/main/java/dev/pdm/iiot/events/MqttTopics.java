package dev.pdm.iiot.events;

import java.util.Optional;
import java.util.regex.Pattern;

/** MQTT topics of the prototype, kept so that its devices and consumers work unchanged. */
public final class MqttTopics {

    /** Machine ids: letters, digits, {@code _ . -}, 1 to 64 characters (the prototype uses {@code MACHINE_001}). */
    public static final Pattern MACHINE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Readings are published per machine on {@code factory/machines/{machineId}/sensors}. */
    public static final String SENSORS_TEMPLATE = "factory/machines/{machineId}/sensors";
    /** Filter matching every machine's readings. */
    public static final String SENSORS_FILTER = "factory/machines/+/sensors";
    /** Alerts are published back here for the prototype's alert consumers. */
    public static final String ALERTS = "factory/alerts/anomaly";

    /** QoS of readings and of alerts in the prototype. */
    public static final int READINGS_QOS = 1;
    public static final int ALERTS_QOS = 2;

    private static final String PREFIX = "factory/machines/";
    private static final String SUFFIX = "/sensors";

    private MqttTopics() {
    }

    /** Whether the id matches {@link #MACHINE_ID}; the same rule without a regex matcher, for per-message checks. */
    public static boolean isMachineId(final String id) {
        final int length = id.length();
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            final char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The topic a machine publishes its readings on. */
    public static String sensors(final String machineId) {
        if (!isMachineId(machineId)) {
            throw new IllegalArgumentException("not a valid machine id: '" + machineId + "'");
        }
        return PREFIX + machineId + SUFFIX;
    }

    /** The machine id in a readings topic, or empty when the topic is not one. */
    public static Optional<String> machineIdOf(final String topic) {
        if (topic == null || !topic.startsWith(PREFIX) || !topic.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        final String id = topic.substring(PREFIX.length(), topic.length() - SUFFIX.length());
        return isMachineId(id) ? Optional.of(id) : Optional.empty();
    }
}
