package dev.pdm.iiot.notifier.intake;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads {@code machine-alerts} in its own consumer group, one record at a time and in order per
 * partition; the offset is committed only after the record's notifications are recorded (at least
 * once; the keys in the database make it exactly once). A record that is not an alert is skipped
 * (a WARN the first time); a database that fails stops the channel, and the app's health says so.
 */
@ApplicationScoped
public class AlertConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AlertConsumer.class);
    private static final ObjectReader READER = EventJson.readerFor(Alert.class);

    private final AlertIntake intake;
    private final AtomicBoolean warned = new AtomicBoolean();

    public AlertConsumer(final AlertIntake intake) {
        this.intake = intake;
    }

    @Incoming(KafkaTopics.ALERTS)
    @Blocking
    public void consume(final ConsumerRecord<String, byte[]> record) throws SQLException {
        if (record.value() == null) {
            return;
        }
        final Alert alert;
        try {
            alert = READER.readValue(record.value());
        } catch (IOException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("Skipped a record of {} that is not an alert ({}-{}@{}): {}; further ones at DEBUG",
                        KafkaTopics.ALERTS, record.topic(), record.partition(), record.offset(), e.getMessage());
            } else {
                LOG.debug("Skipped a record that is not an alert ({}-{}@{})", record.topic(), record.partition(),
                        record.offset());
            }
            return;
        }
        LOG.debug("alert {} {} {}", alert.alertId(), alert.status(), alert.severity());
        intake.accept(alert);
    }
}
