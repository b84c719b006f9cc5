package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.json.JsonSerde;
import dev.pdm.iiot.events.model.Alert;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether every alert record of {@code machine-alerts} reached the MQTT alert topic: each record's
 * {@link AlertIdentity} must be among the messages a subscriber received. HiveMQ CE nodes do not
 * share subscriptions, so the platform runs one alert sink per node and a consumer on any node must
 * get every alert: a record is missing when any node's subscriber lacks it. A record seen twice on
 * Kafka (a duplicate the {@link AlertAudit} reports) needs to arrive only once. Thread-safe.
 */
public final class MqttAlertAudit {

    /** How many missing records a summary names. */
    public static final int EXAMPLES = 20;

    private final PayloadFormat format;
    private final JsonSerde<Alert> serde = EventSerdes.alert();
    private final Set<AlertIdentity> expected = new LinkedHashSet<>();

    public MqttAlertAudit(final PayloadFormat format) {
        this.format = format;
    }

    /** A record of {@code machine-alerts}, as the tail hands it over; unreadable ones the sink cannot publish either. */
    public void onRecord(final ConsumerRecord<byte[], byte[]> record) {
        try {
            final Alert alert = record.value() == null ? null : serde.deserialize(record.topic(), record.value());
            if (alert != null) {
                accept(alert);
            }
        } catch (SerializationException e) {
            // counted by AlertAudit
        }
    }

    public synchronized void accept(final Alert alert) {
        expected.add(AlertIdentity.of(alert, format));
    }

    /**
     * @param seenByNode per MQTT node, the alert states its subscriber received
     */
    public synchronized Summary compare(final Map<String, Set<AlertIdentity>> seenByNode) {
        final Map<String, Long> missingByNode = new TreeMap<>();
        seenByNode.keySet().forEach(node -> missingByNode.put(node, 0L));
        long somewhere = 0;
        long everywhere = 0;
        final List<String> examples = new ArrayList<>();
        for (final AlertIdentity alert : expected) {
            int missingOn = 0;
            for (final Map.Entry<String, Set<AlertIdentity>> node : seenByNode.entrySet()) {
                if (!node.getValue().contains(alert)) {
                    missingOn++;
                    missingByNode.merge(node.getKey(), 1L, Long::sum);
                    if (examples.size() < EXAMPLES) {
                        examples.add(alert + " not on " + node.getKey());
                    }
                }
            }
            if (missingOn > 0 || seenByNode.isEmpty()) {
                somewhere++;
            }
            if (missingOn == seenByNode.size()) {
                everywhere++;
            }
        }
        return new Summary(expected.size(), somewhere, everywhere, Map.copyOf(missingByNode), List.copyOf(examples));
    }

    /**
     * @param alertStates       distinct alert states on Kafka
     * @param missingSomewhere  states some node's subscriber never received (all of them when no node was watched)
     * @param missingEverywhere states no subscriber received
     * @param missingByNode     per node, the states its subscriber never received
     * @param examples          a few, with the node
     */
    public record Summary(long alertStates, long missingSomewhere, long missingEverywhere,
                          Map<String, Long> missingByNode, List<String> examples) {
    }
}
