package dev.pdm.iiot.simulator.mqtt;

import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;

import java.util.Locale;

/**
 * What a device does with a PUBACK, by its MQTT 5 reason code. The platform's broker acknowledges a
 * reading only once Kafka stored it: while Kafka is down or slow it refuses readings with
 * {@code IMPLEMENTATION_SPECIFIC_ERROR} and the device must send them again; a reading the
 * contract rejects gets {@code PAYLOAD_FORMAT_INVALID} and would be rejected again.
 *
 * <table>
 *   <caption>PUBACK reason codes (MQTT 5, 3.4.2.1)</caption>
 *   <tr><th>code</th><th>outcome</th><th>why</th></tr>
 *   <tr><td>0x00 success, 0x10 no matching subscribers</td><td>{@link #ACCEPTED}</td><td>the broker has it</td></tr>
 *   <tr><td>0x80 unspecified error</td><td>{@link #RESEND}</td><td>not said to be the reading's fault</td></tr>
 *   <tr><td>0x83 implementation specific error</td><td>{@link #RESEND}</td><td>the bridge: Kafka unavailable, failed or too slow</td></tr>
 *   <tr><td>0x91 packet identifier in use</td><td>{@link #RESEND}</td><td>a session mix-up; a new PUBLISH gets a new identifier</td></tr>
 *   <tr><td>0x97 quota exceeded</td><td>{@link #RESEND}</td><td>a limit on rate or volume: it frees up with time, and backing off is what it asks for</td></tr>
 *   <tr><td>0x99 payload format invalid</td><td>{@link #REJECTED}</td><td>the reading itself is refused; the same bytes would be again</td></tr>
 *   <tr><td>0x87 not authorized, 0x90 topic name invalid</td><td>{@link #GIVE_UP}</td><td>configuration: nothing changes by sending again</td></tr>
 *   <tr><td>any other code</td><td>{@link #GIVE_UP}</td><td>not a PUBACK code in MQTT 5; resending blindly could loop</td></tr>
 * </table>
 */
enum PubackOutcome {
    /** Acknowledged: counted once as acked. */
    ACCEPTED,
    /** Refused for now: published again after a back-off. */
    RESEND,
    /** Refused as invalid: not sent again, counted as rejected. */
    REJECTED,
    /** Refused for good: not sent again, counted as failed. */
    GIVE_UP;

    static PubackOutcome of(final int reasonCode) {
        if (reasonCode < MqttReturnCode.RETURN_CODE_UNSPECIFIED_ERROR) {
            return ACCEPTED;
        }
        return switch (reasonCode) {
            case MqttReturnCode.RETURN_CODE_UNSPECIFIED_ERROR,
                    MqttReturnCode.RETURN_CODE_IMPLEMENTATION_SPECIFIC_ERROR,
                    MqttReturnCode.RETURN_CODE_PACKET_ID_IN_USE,
                    MqttReturnCode.RETURN_CODE_QUOTA_EXCEEDED -> RESEND;
            case MqttReturnCode.RETURN_CODE_PAYLOAD_FORMAT_INVALID -> REJECTED;
            default -> GIVE_UP;
        };
    }

    /** The code as people read it: {@code IMPLEMENTATION_SPECIFIC_ERROR (0x83)}. */
    static String describe(final int reasonCode) {
        final String name = switch (reasonCode) {
            case MqttReturnCode.RETURN_CODE_SUCCESS -> "SUCCESS";
            case MqttReturnCode.RETURN_CODE_NO_MATCHING_SUBSCRIBERS -> "NO_MATCHING_SUBSCRIBERS";
            case MqttReturnCode.RETURN_CODE_UNSPECIFIED_ERROR -> "UNSPECIFIED_ERROR";
            case MqttReturnCode.RETURN_CODE_IMPLEMENTATION_SPECIFIC_ERROR -> "IMPLEMENTATION_SPECIFIC_ERROR";
            case MqttReturnCode.RETURN_CODE_NOT_AUTHORIZED -> "NOT_AUTHORIZED";
            case MqttReturnCode.RETURN_CODE_TOPIC_NAME_INVALID -> "TOPIC_NAME_INVALID";
            case MqttReturnCode.RETURN_CODE_PACKET_ID_IN_USE -> "PACKET_IDENTIFIER_IN_USE";
            case MqttReturnCode.RETURN_CODE_QUOTA_EXCEEDED -> "QUOTA_EXCEEDED";
            case MqttReturnCode.RETURN_CODE_PAYLOAD_FORMAT_INVALID -> "PAYLOAD_FORMAT_INVALID";
            default -> "reason code";
        };
        return String.format(Locale.ROOT, "%s (0x%02x)", name, reasonCode);
    }
}
