package dev.pdm.iiot.hivemq.bridge.interceptor;

import com.codahale.metrics.MetricRegistry;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import dev.pdm.iiot.bridge.BridgeConverter;
import dev.pdm.iiot.bridge.RejectionLog;
import dev.pdm.iiot.events.validation.RejectReason;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.hivemq.bridge.kafka.KafkaAvailability;
import dev.pdm.iiot.hivemq.bridge.kafka.KafkaForwarder;
import dev.pdm.iiot.hivemq.bridge.metrics.BridgeMetrics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingInterceptorTest {

    private static final String TOPIC = "factory/machines/MACHINE_001/sensors";
    private static final String READING = "{\"machine_id\":\"MACHINE_001\",\"temperature\":71.2,\"rpm\":1500}";

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final AtomicLong now = new AtomicLong();
    private final KafkaForwarder kafka =
            new KafkaForwarder(producer, new KafkaAvailability(Duration.ofSeconds(1), now::get));
    private BridgeMetrics metrics;

    private ReadingInterceptor interceptor(final BridgeConfig config) {
        metrics = new BridgeMetrics(new MetricRegistry(), kafka.availability()::isAvailable);
        return new ReadingInterceptor(config,
                new BridgeConverter(config.bridge(), new RejectionLog(config.bridge().dlqTopic()), Clock.systemUTC()),
                kafka, metrics);
    }

    private ReadingInterceptor interceptor() {
        return interceptor(BridgeConfig.defaults("kafka:9092"));
    }

    @Test
    void holdsTheAcknowledgementUntilKafkaStoredTheReading() {
        final FakePublish publish = new FakePublish(TOPIC, READING, MqttVersion.V_5);

        interceptor().onInboundPublish(publish.input, publish.output);

        assertThat(publish.output.async).isTrue();
        assertThat(publish.output.timeout).isEqualTo(Duration.ofSeconds(10));
        assertThat(publish.output.timeoutCode).isEqualTo(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
        assertThat(publish.output.resumed).as("resumed before Kafka answered").isFalse();
        assertThat(metrics.inFlight()).isEqualTo(1);

        producer.completeNext();

        assertThat(publish.output.resumed).isTrue();
        assertThat(publish.output.prevented).as("delivered on to subscribers").isFalse();
        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("machine-telemetry");
            assertThat(r.key()).isEqualTo("MACHINE_001");
        });
        assertThat(metrics.forwardedCount()).isEqualTo(1);
        assertThat(metrics.inFlight()).isZero();
    }

    @Test
    void withDeliveryOffAcknowledgesWithoutPassingTheReadingToSubscribers() {
        final FakePublish publish = new FakePublish(TOPIC, READING, MqttVersion.V_5);

        interceptor(BridgeConfig.defaults("kafka:9092").withDeliverToSubscribers(false))
                .onInboundPublish(publish.input, publish.output);
        producer.completeNext();

        assertThat(publish.output.prevented).isTrue();
        assertThat(publish.output.code).isEqualTo(AckReasonCode.SUCCESS);
        assertThat(publish.output.resumed).isTrue();
    }

    @Test
    void leavesOtherTopicsAlone() {
        final FakePublish publish = new FakePublish("factory/alerts/anomaly", "{}", MqttVersion.V_5);

        interceptor().onInboundPublish(publish.input, publish.output);

        assertThat(publish.output.async).isFalse();
        assertThat(publish.output.prevented).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void tellsAnMqtt5DeviceWhyItsReadingWasRejectedOnceTheDeadLetterIsStored() {
        final FakePublish publish = new FakePublish(TOPIC, "{\"machine_id\":\"MACHINE_001\",\"rpm\":NaN}", MqttVersion.V_5);

        interceptor().onInboundPublish(publish.input, publish.output);
        assertThat(publish.output.resumed).isFalse();
        producer.completeNext();

        assertThat(producer.history()).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo("machine-telemetry-dlq"));
        assertThat(publish.output.code).isEqualTo(AckReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(publish.output.reason).startsWith("NON_FINITE: ");
        assertThat(publish.output.resumed).isTrue();
        assertThat(metrics.rejectedCount(RejectReason.NON_FINITE)).isEqualTo(1);
    }

    @Test
    void acknowledgesAnMqtt3DevicesRejectedReadingWithoutDeliveringIt() {
        final FakePublish publish = new FakePublish(TOPIC, "[1,2]", MqttVersion.V_3_1_1);

        interceptor().onInboundPublish(publish.input, publish.output);
        producer.completeNext();

        assertThat(publish.output.prevented).isTrue();
        assertThat(publish.output.code).as("MQTT 3 knows no reason codes: anything else disconnects it")
                .isEqualTo(AckReasonCode.SUCCESS);
        assertThat(publish.output.resumed).isTrue();
    }

    @Test
    void refusesAReadingKafkaFailedToStoreSoThatTheDeviceSendsItAgain() {
        final FakePublish v5 = new FakePublish(TOPIC, READING, MqttVersion.V_5);
        final FakePublish v3 = new FakePublish(TOPIC, READING, MqttVersion.V_3_1_1);
        final ReadingInterceptor interceptor = interceptor();

        interceptor.onInboundPublish(v5.input, v5.output);
        interceptor.onInboundPublish(v3.input, v3.output);
        producer.errorNext(new TimeoutException("Expiring 1 record(s)"));
        producer.errorNext(new TimeoutException("Expiring 1 record(s)"));

        assertThat(v5.output.code).isEqualTo(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
        assertThat(v5.output.reason).contains("publish it again");
        assertThat(v3.output.code).as("HiveMQ disconnects an MQTT 3 client for this code").isNotEqualTo(AckReasonCode.SUCCESS);
        assertThat(v3.output.reason).as("no reason string for MQTT 3").isNull();
        assertThat(v5.output.resumed).isTrue();
        assertThat(v3.output.resumed).isTrue();
        assertThat(metrics.refusedCount()).isEqualTo(2);
        assertThat(metrics.forwardedCount()).isZero();
    }

    @Test
    void whileKafkaIsUnavailableRefusesAtOnceInsteadOfWaitingForTheTimeout() {
        final ReadingInterceptor interceptor = interceptor();
        final FakePublish first = new FakePublish(TOPIC, READING, MqttVersion.V_5);
        interceptor.onInboundPublish(first.input, first.output);
        producer.errorNext(new TimeoutException("Expiring 1 record(s)"));

        final FakePublish next = new FakePublish(TOPIC, READING, MqttVersion.V_5);
        interceptor.onInboundPublish(next.input, next.output);

        assertThat(next.output.resumed).as("answered without Kafka").isTrue();
        assertThat(next.output.code).isEqualTo(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
        assertThat(next.output.reason).contains("Kafka is unavailable");
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aReadingThatTimedOutIsNotAcknowledgedWhenKafkaAnswersLate() {
        final FakePublish publish = new FakePublish(TOPIC, READING, MqttVersion.V_5);
        interceptor().onInboundPublish(publish.input, publish.output);

        publish.output.timeOut();
        producer.completeNext();

        assertThat(publish.output.resumed).isFalse();
        assertThat(publish.output.prevented).isFalse();
        assertThat(metrics.refusedTimeoutCount()).isEqualTo(1);
        assertThat(metrics.forwardedCount()).isZero();
        assertThat(metrics.inFlight()).isZero();
    }
}
