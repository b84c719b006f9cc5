package dev.pdm.iiot.connect.source;

import java.time.Instant;

/**
 * An MQTT message as it arrived, tagged with what is needed to acknowledge it later.
 *
 * @param subscriber index of the subscriber (broker session) within the task
 * @param seq        the session's receive counter, the record's source offset
 * @param epoch      the connection it arrived on
 * @param messageId  the MQTT packet id
 */
public record ReceivedMessage(
        int subscriber,
        long seq,
        long epoch,
        String topic,
        byte[] payload,
        int qos,
        boolean duplicate,
        boolean retained,
        int messageId,
        Instant arrival) {
}
