package dev.pdm.iiot.localstack.mqtt;

/**
 * What one client may send the broker, so that no single packet or client can hurt the rest. HiveMQ
 * CE's defaults accept a 256 MB packet and 64 KB topics and client ids; a reading is a few hundred
 * bytes. A larger packet is refused at the broker: an MQTT 5 client learns the limit in the CONNACK
 * and is told {@code PACKET_TOO_LARGE}, an MQTT 3 client is disconnected.
 *
 * @param maxPacketSize     the largest MQTT packet a client may send, in bytes
 * @param maxTopicLength    the longest topic name, in characters
 * @param maxClientIdLength the longest client id, in characters
 */
public record MqttLimits(int maxPacketSize, int maxTopicLength, int maxClientIdLength) {

    /** 64 KiB: four times the readings contract's payload limit (16 KiB), so larger readings are dead-lettered with a reason. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 65_536;
    public static final int DEFAULT_MAX_TOPIC_LENGTH = 1_024;
    public static final int DEFAULT_MAX_CLIENT_ID_LENGTH = 256;
    /** HiveMQ's own largest packet (and its default). */
    public static final int HIVEMQ_MAX_PACKET_SIZE = 268_435_460;

    public MqttLimits {
        if (maxPacketSize < 1 || maxPacketSize > HIVEMQ_MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("maxPacketSize must be in 1.." + HIVEMQ_MAX_PACKET_SIZE + ", was "
                    + maxPacketSize);
        }
        if (maxTopicLength < 1 || maxTopicLength > 65_535) {
            throw new IllegalArgumentException("maxTopicLength must be in 1..65535, was " + maxTopicLength);
        }
        if (maxClientIdLength < 1 || maxClientIdLength > 65_535) {
            throw new IllegalArgumentException("maxClientIdLength must be in 1..65535, was " + maxClientIdLength);
        }
    }

    public static MqttLimits defaults() {
        return new MqttLimits(DEFAULT_MAX_PACKET_SIZE, DEFAULT_MAX_TOPIC_LENGTH, DEFAULT_MAX_CLIENT_ID_LENGTH);
    }
}
