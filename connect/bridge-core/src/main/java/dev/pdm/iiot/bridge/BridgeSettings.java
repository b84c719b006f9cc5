package dev.pdm.iiot.bridge;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.validation.ReadingRules;

import java.util.Objects;

/**
 * How a bridge turns messages into records.
 *
 * @param topic            where readings go
 * @param dlqTopic         where rejected messages go
 * @param keySource        where the record key comes from
 * @param keyTopicSegment  the topic level (from 0) that is the key for {@link KeySource#TOPIC}
 * @param keyJsonField     the payload field that is the key for {@link KeySource#JSON}
 * @param validation       whether payloads are checked against the readings contract
 * @param payloadMaxBytes  larger payloads are dead letters ({@code OVERSIZE}), validation or not
 * @param dlqExcerptBytes  a dead letter carries at most this many bytes of its payload
 * @param maxRecordBytes   the largest record the bridge's producer sends ({@code max.request.size}): a
 *                         record that would be larger with its key and headers (a long topic, a large
 *                         key taken from the payload) is a dead letter ({@code OVERSIZE}) instead
 * @param rejectedBy       the component named in a dead letter's {@code dlq.rejected.by}
 */
public record BridgeSettings(String topic, String dlqTopic, KeySource keySource, int keyTopicSegment,
                             String keyJsonField, boolean validation, int payloadMaxBytes, int dlqExcerptBytes,
                             int maxRecordBytes, String rejectedBy) {

    /** The key of {@code factory/machines/{machineId}/sensors}: its third level. */
    public static final int DEFAULT_KEY_TOPIC_SEGMENT = 2;
    public static final String DEFAULT_KEY_JSON_FIELD = "machine_id";
    /** The contract's own limit on a reading ({@link ReadingRules#defaults()}). */
    public static final int DEFAULT_PAYLOAD_MAX_BYTES = ReadingRules.defaults().maxPayloadBytes();
    /** Enough for any reading the contract accepts to be seen whole, and for the start of anything else. */
    public static final int DEFAULT_DLQ_EXCERPT_BYTES = 1024;
    /**
     * The largest payload a bridge may forward whole: below Kafka's default limits on a request
     * ({@code max.request.size}, 1 MiB) and on a record batch ({@code message.max.bytes}), with
     * room for the key and headers.
     */
    public static final int MAX_PAYLOAD_BYTES = 1_000_000;
    /** The largest excerpt a dead letter may carry. */
    public static final int MAX_DLQ_EXCERPT_BYTES = 65_536;

    public BridgeSettings {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dlqTopic, "dlqTopic");
        Objects.requireNonNull(keySource, "keySource");
        Objects.requireNonNull(keyJsonField, "keyJsonField");
        Objects.requireNonNull(rejectedBy, "rejectedBy");
        if (keyTopicSegment < 0) {
            throw new IllegalArgumentException("the key's topic level must be 0 or more, was " + keyTopicSegment);
        }
        if (payloadMaxBytes < 1 || payloadMaxBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the payload limit must be in 1.." + MAX_PAYLOAD_BYTES + " bytes, was "
                    + payloadMaxBytes);
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("the largest record must be at least 1 byte, was " + maxRecordBytes);
        }
        if (dlqExcerptBytes < 0 || dlqExcerptBytes > MAX_DLQ_EXCERPT_BYTES) {
            throw new IllegalArgumentException("the dead letter's excerpt must be in 0.." + MAX_DLQ_EXCERPT_BYTES
                    + " bytes, was " + dlqExcerptBytes);
        }
    }

    /** The platform's readings: keyed by the topic's machine, validated, the contract's limits. */
    public static BridgeSettings readings(final String rejectedBy) {
        return new BridgeSettings(KafkaTopics.TELEMETRY, KafkaTopics.TELEMETRY_DLQ, KeySource.TOPIC,
                DEFAULT_KEY_TOPIC_SEGMENT, DEFAULT_KEY_JSON_FIELD, true, DEFAULT_PAYLOAD_MAX_BYTES,
                DEFAULT_DLQ_EXCERPT_BYTES, RecordSize.KAFKA_DEFAULT_MAX_REQUEST_SIZE, rejectedBy);
    }

    /**
     * Whether a dead letter always fits in the largest record: with a smaller producer limit Kafka
     * may refuse a dead letter, which a bridge can then only skip or refuse.
     */
    public boolean deadLettersFit() {
        return maxRecordBytes >= dlqExcerptBytes + RecordSize.DEAD_LETTER_OVERHEAD;
    }
}
