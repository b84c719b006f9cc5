package dev.pdm.iiot.events;

/**
 * Headers of a record on {@link KafkaTopics#TELEMETRY_DLQ}. The record's key and value are the
 * rejected input as it arrived; these headers say why and where from.
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

    private DeadLetterHeaders() {
    }
}
