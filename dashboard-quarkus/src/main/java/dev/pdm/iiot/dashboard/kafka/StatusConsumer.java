package dev.pdm.iiot.dashboard.kafka;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.pdm.iiot.dashboard.stats.IngestCounters;
import dev.pdm.iiot.dashboard.support.OnceLog;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.MachineStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;

/**
 * Reads the compacted {@code machine-status} from its beginning into the plant view: the latest
 * status of every machine, with its last reading (the live values: the dashboard does not read
 * {@code machine-telemetry}); a tombstone removes the machine. The growth of a machine's reading
 * count from one status to the next is the readings the detector accepted meanwhile.
 */
@ApplicationScoped
public class StatusConsumer {

    private static final OnceLog LOG = new OnceLog(LoggerFactory.getLogger(StatusConsumer.class));
    private static final ObjectReader READER = EventJson.readerFor(MachineStatus.class);

    private final PlantView view;
    private final IngestCounters counters;

    @Inject
    public StatusConsumer(final PlantView view, final IngestCounters counters) {
        this.view = view;
        this.counters = counters;
    }

    @Incoming(KafkaTopics.STATUS)
    public void consume(final ConsumerRecords<String, byte[]> records) {
        for (final ConsumerRecord<String, byte[]> record : records) {
            accept(record.key(), record.value(), record.timestamp(), record.partition(), record.offset());
        }
    }

    void accept(final String key, final byte[] value, final long timestamp, final int partition, final long offset) {
        counters.status();
        if (value == null) {
            if (key != null) {
                view.applyStatus(key, null, Instant.ofEpochMilli(timestamp));
            }
            return;
        }
        final MachineStatus status;
        try {
            status = READER.readValue(value);
        } catch (IOException | RuntimeException e) {
            counters.undecodable();
            LOG.warn("status-undecodable", "Ignored a record of {} that is not a machine status ({}-{}@{}): {}",
                    KafkaTopics.STATUS, KafkaTopics.STATUS, partition, offset, e.getMessage());
            return;
        }
        final MachineStatus previous = view.applyStatus(key, status, Instant.ofEpochMilli(timestamp));
        counters.statusApplied(previous, status,
                status.updatedAt() != null ? status.updatedAt().toEpochMilli() : timestamp);
    }
}
