package dev.pdm.iiot.connect.source;

import java.util.Map;

/**
 * The source partition and offset of every record. MQTT has no replayable offsets: what makes
 * delivery at-least-once is the broker's persistent session, which keeps every message the task has
 * not acknowledged and redelivers it after a restart. The partition therefore names that session
 * (broker and client id), and the offset counts the messages received through it. The counter is
 * resumed from the last committed offset on start, so that offsets keep growing across restarts and
 * say how many messages a session has bridged; they also tie Connect's per-record acknowledgement
 * back to the MQTT message it came from.
 */
public final class SourceOffsets {

    /** Partition key: the broker URI. */
    public static final String SERVER = "mqtt.server.uri";
    /** Partition key: the MQTT client id, i.e. the session. */
    public static final String CLIENT_ID = "mqtt.client.id";
    /** Offset key: the number of messages received through this session. */
    public static final String RECEIVED = "received";

    private SourceOffsets() {
    }

    public static Map<String, String> partition(final String serverUri, final String clientId) {
        return Map.of(SERVER, serverUri, CLIENT_ID, clientId);
    }

    public static Map<String, Long> offset(final long received) {
        return Map.of(RECEIVED, received);
    }

    /** The counter in a committed offset, or 0 when there is none. */
    public static long receivedOf(final Map<String, Object> offset) {
        if (offset == null) {
            return 0L;
        }
        final Object value = offset.get(RECEIVED);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
