package dev.pdm.iiot.dashboard.kafka;

import dev.pdm.iiot.dashboard.stats.IngestCounters;
import dev.pdm.iiot.dashboard.support.OnceLog;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.validation.ParseResult;
import dev.pdm.iiot.events.validation.ReadingParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Reads the raw readings on {@code machine-telemetry} (live only, from the latest offset) with the
 * contract's validating parser: valid ones update the machine's live values, the rest are counted
 * (the detector sends them to the dead-letter topic with the reason).
 */
@ApplicationScoped
public class TelemetryConsumer {

    private static final OnceLog LOG = new OnceLog(LoggerFactory.getLogger(TelemetryConsumer.class));

    private final PlantView view;
    private final IngestCounters counters;
    private final ReadingParser parser = ReadingParser.withDefaults();

    @Inject
    public TelemetryConsumer(final PlantView view, final IngestCounters counters) {
        this.view = view;
        this.counters = counters;
    }

    @Incoming(KafkaTopics.TELEMETRY)
    public void consume(final ConsumerRecords<String, byte[]> records) {
        for (final ConsumerRecord<String, byte[]> record : records) {
            accept(record.key(), record.value(), record.timestamp());
        }
    }

    void accept(final String key, final byte[] value, final long timestamp) {
        final Instant seenAt = Instant.ofEpochMilli(timestamp);
        counters.reading(System.currentTimeMillis());
        final ParseResult result = parser.parse(value, seenAt, key);
        if (!result.isAccepted()) {
            counters.readingRejected();
            LOG.warn("telemetry-" + result.rejection().reason(), "Not showing a reading of {} for {}: {}",
                    KafkaTopics.TELEMETRY, key, result.rejection());
            return;
        }
        view.applyReading(result.reading(), seenAt);
    }
}
