package dev.pdm.iiot.bridge.testing;

import dev.pdm.iiot.events.validation.RejectReason;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Payloads a careless or hostile device may publish on a readings topic, each with what a bridge
 * must make of it: a dead letter with this reason, or (larger than any MQTT packet the broker
 * takes) a refusal at the broker. The tests of both bridges publish the same corpus.
 */
public final class HostilePayloads {

    /** The largest packet the platform's brokers take (local-stack's {@code MqttLimits}): 64 KiB. */
    public static final int BROKER_MAX_PACKET_BYTES = 65_536;

    private HostilePayloads() {
    }

    /** One payload; {@code reason} null means the broker refuses the packet before any bridge sees it. */
    public record Case(String name, byte[] payload, RejectReason reason) {

        public boolean refusedByTheBroker() {
            return reason == null;
        }

        @Override
        public String toString() {
            return name + " (" + payload.length + " bytes)";
        }
    }

    /** Every case, for a device publishing as {@code machine} on its own readings topic. */
    public static List<Case> all(final String machine) {
        return List.of(
                new Case("empty", new byte[0], RejectReason.EMPTY_PAYLOAD),
                new Case("whitespace only", utf8("   \n\t "), RejectReason.EMPTY_PAYLOAD),
                new Case("malformed JSON", utf8("{\"machine_id\": \"" + machine + "\", \"temperature\": "),
                        RejectReason.MALFORMED_JSON),
                new Case("two values", utf8("{\"machine_id\": \"" + machine + "\", \"rpm\": 1500} {}"),
                        RejectReason.MALFORMED_JSON),
                new Case("not an object", utf8("[1, 2, 3]"), RejectReason.NOT_AN_OBJECT),
                new Case("a bare number", utf8("42"), RejectReason.NOT_AN_OBJECT),
                new Case("no machine id", utf8("{\"temperature\": 80.1}"), RejectReason.MISSING_FIELD),
                new Case("wrong type", utf8("{\"machine_id\": \"" + machine + "\", \"temperature\": \"hot\"}"),
                        RejectReason.WRONG_TYPE),
                new Case("NaN", utf8("{\"machine_id\": \"" + machine + "\", \"temperature\": NaN}"),
                        RejectReason.NON_FINITE),
                new Case("Infinity", utf8("{\"machine_id\": \"" + machine + "\", \"vibration\": -Infinity}"),
                        RejectReason.NON_FINITE),
                new Case("out of range", utf8("{\"machine_id\": \"" + machine + "\", \"temperature\": 9000}"),
                        RejectReason.OUT_OF_RANGE),
                new Case("unknown schema version",
                        utf8("{\"machine_id\": \"" + machine + "\", \"schema_version\": 99, \"rpm\": 1500}"),
                        RejectReason.UNKNOWN_SCHEMA_VERSION),
                new Case("another machine's id", utf8("{\"machine_id\": \"NOT_" + machine + "\", \"rpm\": 1500}"),
                        RejectReason.KEY_MISMATCH),
                new Case("deep nesting", deepNesting(machine, 5_000), RejectReason.MALFORMED_JSON),
                new Case("invalid UTF-8", invalidUtf8(machine), RejectReason.MALFORMED_JSON),
                new Case("60 KB", padded(machine, 60 * 1024), RejectReason.OVERSIZE),
                new Case("1 MB", padded(machine, 1024 * 1024), null),
                new Case("2 MB", padded(machine, 2 * 1024 * 1024), null),
                new Case("16 MB", padded(machine, 16 * 1024 * 1024), null));
    }

    /** A valid reading of the platform's contract, with a sequence number. */
    public static byte[] reading(final String machine, final long seq) {
        return utf8("{\"machine_id\":\"" + machine + "\",\"seq\":" + seq + ",\"temperature\":71.5,\"vibration\":2.1,"
                + "\"current\":10.4,\"pressure\":6.02,\"rpm\":1498}");
    }

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deepNesting(final String machine, final int depth) {
        return utf8("{\"machine_id\": \"" + machine + "\", \"extra\": " + "[".repeat(depth) + "]".repeat(depth) + "}");
    }

    private static byte[] invalidUtf8(final String machine) {
        final byte[] head = utf8("{\"machine_id\": \"" + machine + "\", \"note\": \"");
        final byte[] bad = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3};
        final byte[] tail = utf8("\", \"rpm\": 1500}");
        final byte[] all = Arrays.copyOf(head, head.length + bad.length + tail.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        return all;
    }

    /** A reading followed by a long string field, {@code size} bytes in all. */
    private static byte[] padded(final String machine, final int size) {
        final String head = "{\"machine_id\": \"" + machine + "\", \"rpm\": 1500, \"pad\": \"";
        final String tail = "\"}";
        return utf8(head + "x".repeat(Math.max(0, size - head.length() - tail.length())) + tail);
    }
}
