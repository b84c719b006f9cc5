package dev.pdm.iiot.events;

/**
 * Headers of a record on {@link KafkaTopics#TELEMETRY_DLQ}. The record's key is the rejected
 * input's; its value is the input as it arrived, or only its first bytes when a bridge cut it to
 * its excerpt limit ({@link #PAYLOAD_BYTES}, {@link #PAYLOAD_TRUNCATED}); these headers say why
 * and where from.
 */
public final class DeadLetterHeaders {

    /** The {@link dev.pdm.iiot.events.validation.RejectReason} name, e.g. {@code NON_FINITE}. */
    public static final String REASON = "dlq.reason";
    /** A human-readable explanation naming the offending field and value. */
    public static final String DETAIL = "dlq.detail";
    /** The component that rejected it, e.g. {@code mqtt-source} or {@code streams-detector}. */
    public static final String REJECTED_BY = "dlq.rejected.by";
    /** When it was rejected, ISO-8601. */
    public static final String REJECTED_AT = "dlq.rejected.at";
    /** Where it came from: a Kafka topic or an MQTT topic. */
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** The size of the rejected payload in bytes, as it arrived (the bridges set it). */
    public static final String PAYLOAD_BYTES = "dlq.payload.bytes";
    /** {@code true} when the record's value is only the start of the payload, {@code false} when it is all of it. */
    public static final String PAYLOAD_TRUNCATED = "dlq.payload.truncated";

    private DeadLetterHeaders() {
    }
}
