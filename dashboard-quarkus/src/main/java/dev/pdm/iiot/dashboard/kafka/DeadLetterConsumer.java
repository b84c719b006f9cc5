package dev.pdm.iiot.dashboard.kafka;

import dev.pdm.iiot.dashboard.stats.IngestCounters;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.KafkaTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;

/** Counts the records on {@code machine-telemetry-dlq}, from its beginning, by reason. */
@ApplicationScoped
public class DeadLetterConsumer {

    private final IngestCounters counters;

    @Inject
    public DeadLetterConsumer(final IngestCounters counters) {
        this.counters = counters;
    }

    @Incoming(KafkaTopics.TELEMETRY_DLQ)
    public void consume(final ConsumerRecords<String, byte[]> records) {
        for (final ConsumerRecord<String, byte[]> record : records) {
            counters.deadLetter(reason(record.headers()));
        }
    }

    static String reason(final Headers headers) {
        final Header header = headers == null ? null : headers.lastHeader(DeadLetterHeaders.REASON);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
