package dev.pdm.iiot.dashboard.kafka;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.pdm.iiot.dashboard.stats.IngestCounters;
import dev.pdm.iiot.dashboard.support.OnceLog;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Reads {@code machine-alerts} from its beginning into the plant view: every change of an alert's
 * state, the latest per alert id kept.
 */
@ApplicationScoped
public class AlertConsumer {

    private static final OnceLog LOG = new OnceLog(LoggerFactory.getLogger(AlertConsumer.class));
    private static final ObjectReader READER = EventJson.readerFor(Alert.class);

    private final PlantView view;
    private final IngestCounters counters;

    @Inject
    public AlertConsumer(final PlantView view, final IngestCounters counters) {
        this.view = view;
        this.counters = counters;
    }

    @Incoming(KafkaTopics.ALERTS)
    public void consume(final ConsumerRecords<String, byte[]> records) {
        for (final ConsumerRecord<String, byte[]> record : records) {
            accept(record.value(), record.partition(), record.offset());
        }
    }

    void accept(final byte[] value, final int partition, final long offset) {
        counters.alert();
        if (value == null) {
            return;
        }
        final Alert alert;
        try {
            alert = READER.readValue(value);
        } catch (IOException | RuntimeException e) {
            counters.undecodable();
            LOG.warn("alert-undecodable", "Ignored a record of {} that is not an alert ({}-{}@{}): {}",
                    KafkaTopics.ALERTS, KafkaTopics.ALERTS, partition, offset, e.getMessage());
            return;
        }
        view.applyAlert(alert);
    }
}
