package dev.pdm.iiot.bridge;

/**
 * How large a record is in Kafka's terms: an upper bound of its size in a batch of its own, which is
 * what the producer checks against {@code max.request.size}, for a string key, a byte value and
 * string headers.
 */
public final class RecordSize {

    /** Kafka's default {@code max.request.size}: the largest record a producer sends unless told otherwise. */
    public static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    /** A record batch's header (61 bytes) and the most a record's fixed fields take (21). */
    static final int RECORD_OVERHEAD = 61 + 21;
    /**
     * What a dead letter takes besides its excerpt, at most: its key (256 characters), two topic
     * headers and the detail (1,024 each) at three bytes a character, the other headers and the
     * overhead: about 10.5 KB.
     */
    public static final int DEAD_LETTER_OVERHEAD = 11 * 1024;
    /** The most a variable-length size takes. */
    private static final int VARINT = 5;

    private RecordSize() {
    }

    /** An upper bound of the record's size in a batch of its own. */
    public static long of(final BridgeRecord record) {
        long size = RECORD_OVERHEAD + VARINT + utf8Length(record.key()) + VARINT + record.value().length + VARINT;
        for (final BridgeRecord.Header header : record.headers()) {
            size += VARINT + utf8Length(header.name()) + VARINT + utf8Length(header.value());
        }
        return size;
    }

    /** The UTF-8 length of a text, without encoding it; 0 for none. */
    public static int utf8Length(final String text) {
        if (text == null) {
            return 0;
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2; // a surrogate pair is 4 bytes
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
