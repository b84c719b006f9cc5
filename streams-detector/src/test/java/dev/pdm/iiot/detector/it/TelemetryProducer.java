package dev.pdm.iiot.detector.it;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes readings to machine-telemetry as the MQTT bridge does: keyed by machine, the contract JSON. */
final class TelemetryProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    TelemetryProducer(final String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    void send(final TelemetryReading reading) {
        producer.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, null, reading.timestamp().toEpochMilli(),
                reading.machineId(), EventJson.toBytes(reading)));
    }

    void sendRaw(final String key, final byte[] value) {
        producer.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, key, value));
    }

    void flush() {
        producer.flush();
    }

    void sendNow(final TelemetryReading reading) throws ExecutionException, InterruptedException, TimeoutException {
        producer.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, null, reading.timestamp().toEpochMilli(),
                reading.machineId(), EventJson.toBytes(reading))).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
