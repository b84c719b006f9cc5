package dev.pdm.iiot.platform.chaos.audit;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code seq} and {@code machine_id} from a reading's JSON bytes without parsing the whole
 * object: the contract's reading is a flat object whose only string values are the machine id and
 * the timestamp, so a field name cannot occur inside another value. Cheap enough for every PUBACK
 * of a plant publishing thousands of readings a second.
 */
public final class ReadingFields {

    private static final byte[] SEQ = "\"seq\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MACHINE_ID = "\"machine_id\"".getBytes(StandardCharsets.US_ASCII);

    private ReadingFields() {
    }

    /** The reading's {@code seq}, or -1 when it has none or it is not a non-negative integer. */
    public static long seq(final byte[] json) {
        int i = valueStart(json, SEQ);
        if (i < 0 || i >= json.length || json[i] < '0' || json[i] > '9') {
            return -1;
        }
        long seq = 0;
        for (; i < json.length && json[i] >= '0' && json[i] <= '9'; i++) {
            if (seq > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            seq = seq * 10 + (json[i] - '0');
        }
        if (i < json.length && (json[i] == '.' || json[i] == 'e' || json[i] == 'E')) {
            return -1;
        }
        return seq;
    }

    /** The reading's {@code machine_id}, or null when it has none as a plain string. */
    public static String machineId(final byte[] json) {
        final int start = valueStart(json, MACHINE_ID);
        if (start < 0 || start >= json.length || json[start] != '"') {
            return null;
        }
        for (int i = start + 1; i < json.length; i++) {
            if (json[i] == '\\') {
                return null;
            }
            if (json[i] == '"') {
                return new String(json, start + 1, i - start - 1, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Where the value of the field named {@code name} (quotes included) begins, or -1. */
    private static int valueStart(final byte[] json, final byte[] name) {
        if (json == null) {
            return -1;
        }
        outer:
        for (int at = 0; at <= json.length - name.length; at++) {
            for (int k = 0; k < name.length; k++) {
                if (json[at + k] != name[k]) {
                    continue outer;
                }
            }
            int i = skipSpace(json, at + name.length);
            if (i < json.length && json[i] == ':') {
                return skipSpace(json, i + 1);
            }
        }
        return -1;
    }

    private static int skipSpace(final byte[] json, final int from) {
        int i = from;
        while (i < json.length && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) {
            i++;
        }
        return i;
    }
}
