package dev.pdm.iiot.hivemq.bridge.kafka;

import dev.pdm.iiot.bridge.BridgeRecord;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaForwarderTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final AtomicLong now = new AtomicLong();
    private final KafkaForwarder forwarder =
            new KafkaForwarder(producer, new KafkaAvailability(Duration.ofSeconds(1), now::get));
    private final List<String> outcomes = new ArrayList<>();

    private static BridgeRecord record(final String machine) {
        return new BridgeRecord("machine-telemetry", machine, "{}".getBytes(StandardCharsets.UTF_8), 1234L,
                List.of(new BridgeRecord.Header("mqtt.topic", "factory/machines/" + machine + "/sensors")), null);
    }

    private KafkaForwarder.Outcome outcome(final String name) {
        return new KafkaForwarder.Outcome() {
            @Override
            public void stored() {
                outcomes.add(name + " stored");
            }

            @Override
            public void failed(final Exception cause) {
                outcomes.add(name + " failed: " + cause.getClass().getSimpleName());
            }

            @Override
            public void refused() {
                outcomes.add(name + " refused");
            }
        };
    }

    @Test
    void writesTheRecordAsTheBridgeMadeItAndAnswersWhenKafkaDoes() {
        forwarder.send(record("M1"), outcome("a"));
        assertThat(outcomes).as("nothing before Kafka answers").isEmpty();

        producer.completeNext();

        assertThat(outcomes).containsExactly("a stored");
        final ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("machine-telemetry");
        assertThat(sent.key()).isEqualTo("M1");
        assertThat(sent.timestamp()).isEqualTo(1234L);
        assertThat(new String(sent.headers().lastHeader("mqtt.topic").value(), StandardCharsets.UTF_8))
                .isEqualTo("factory/machines/M1/sensors");
    }

    @Test
    void aRetriableFailureMeansKafkaIsUnavailableAndLaterReadingsAreRefusedAtOnce() {
        forwarder.send(record("M1"), outcome("a"));
        producer.errorNext(new NotEnoughReplicasException("1 of 3 in sync"));

        forwarder.send(record("M2"), outcome("b"));

        assertThat(outcomes).containsExactly("a failed: NotEnoughReplicasException", "b refused");
        assertThat(forwarder.availability().isAvailable()).isFalse();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aRecordKafkaRefusesFailsAloneWithoutAnOutage() {
        forwarder.send(record("M1"), outcome("a"));
        producer.errorNext(new RecordTooLargeException("too large"));

        forwarder.send(record("M2"), outcome("b"));
        producer.completeNext();

        assertThat(outcomes).containsExactly("a failed: RecordTooLargeException", "b stored");
        assertThat(forwarder.availability().isAvailable()).isTrue();
    }

    @Test
    void producesIdempotentlyToAllInSyncReplicasWithinTheAcknowledgementTimeout() {
        final BridgeConfig config = BridgeConfig.defaults("kafka:9092").withAckTimeout(Duration.ofSeconds(6))
                .withProducerSetting("linger.ms", "3");

        final Map<String, Object> settings = KafkaForwarder.producerSettings(config);

        assertThat(settings).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "3");
    }
}
