package dev.pdm.iiot.hivemq.bridge.kafka;

import dev.pdm.iiot.bridge.BridgeRecord;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the bridge's records to Kafka through one idempotent producer with {@code acks=all}: a
 * record counts as stored only when every in-sync replica has it, and a retried send is never
 * written twice. Every send ends in exactly one call of its {@link Outcome}, on the producer's
 * thread, at the latest after the producer's delivery timeout (the extension's acknowledgement
 * timeout): stored, or failed with the reason.
 */
public final class KafkaForwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaForwarder.class);

    private final Producer<String, byte[]> producer;
    private final KafkaAvailability availability;
    private final Map<Class<?>, Boolean> loggedFailures = new ConcurrentHashMap<>();

    public KafkaForwarder(final BridgeConfig config) {
        this(new KafkaProducer<>(producerSettings(config), new StringSerializer(), new ByteArraySerializer()),
                new KafkaAvailability(config.unavailableRetry()));
    }

    /** A forwarder over a producer of the caller's, which must be idempotent with {@code acks=all}. */
    public KafkaForwarder(final Producer<String, byte[]> producer, final KafkaAvailability availability) {
        this.producer = producer;
        this.availability = availability;
    }

    /**
     * The producer's settings: the bridge's defaults, then the configured {@code producer.*} ones,
     * then those the guarantee rests on. The delivery timeout is the acknowledgement timeout, so a
     * record Kafka did not take in time fails here about when its device is told so.
     */
    public static Map<String, Object> producerSettings(final BridgeConfig config) {
        final long ackMillis = config.ackTimeout().toMillis();
        final Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "pdm-kafka-bridge-" + hostName());
        // a client's readings go to Kafka one at a time, so a batch holds few records: waiting 5 ms for more
        // halves the producer's and the broker's CPU per reading (measured) and adds 5 ms to a device's
        // PUBACK, and compressing such small batches costs more than it saves
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(50, ackMillis / 2));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackMillis);
        // send() runs on HiveMQ's extension thread: it may wait for metadata or buffer space only briefly
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        settings.putAll(config.producer());
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return settings;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public KafkaAvailability availability() {
        return availability;
    }

    /**
     * Sends a record, or refuses it at once while Kafka is unavailable ({@link Outcome#refused}).
     * Never throws; never blocks longer than the producer's {@code max.block.ms}.
     */
    public void send(final BridgeRecord record, final Outcome outcome) {
        if (!availability.trySend()) {
            outcome.refused();
            return;
        }
        final RecordHeaders headers = new RecordHeaders();
        for (final BridgeRecord.Header header : record.headers()) {
            headers.add(new RecordHeader(header.name(), header.bytes()));
        }
        final ProducerRecord<String, byte[]> producerRecord = new ProducerRecord<>(record.topic(), null,
                record.timestamp(), record.key(), record.value(), headers);
        try {
            producer.send(producerRecord, (RecordMetadata metadata, Exception failure) -> {
                if (failure == null) {
                    availability.stored();
                    outcome.stored();
                } else {
                    failed(failure, outcome);
                }
            });
        } catch (RuntimeException e) {
            failed(e, outcome);
        }
    }

    private void failed(final Exception failure, final Outcome outcome) {
        if (failure instanceof RetriableException || failure.getCause() instanceof RetriableException) {
            availability.unavailable(failure);
        } else if (loggedFailures.putIfAbsent(failure.getClass(), Boolean.TRUE) == null) {
            LOG.warn("Kafka refused a record: {} (the device is told to send it again; failures of this kind are "
                    + "counted, not logged again)", failure.toString());
        }
        outcome.failed(failure);
    }

    /** Waits up to the timeout for records sent and not yet answered, then closes the producer. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    public void close(final Duration timeout) {
        producer.close(timeout);
    }

    /** How one send ended; exactly one method is called. */
    public interface Outcome {

        /** Kafka stored the record. */
        void stored();

        /** Kafka did not store it. */
        void failed(Exception cause);

        /** It was not sent: Kafka is unavailable. */
        void refused();
    }
}
