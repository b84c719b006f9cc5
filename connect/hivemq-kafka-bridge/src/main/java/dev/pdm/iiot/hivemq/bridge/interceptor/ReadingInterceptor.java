package dev.pdm.iiot.hivemq.bridge.interceptor;

import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import dev.pdm.iiot.bridge.BridgeConverter;
import dev.pdm.iiot.bridge.BridgeRecord;
import dev.pdm.iiot.bridge.InboundMessage;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.hivemq.bridge.kafka.KafkaForwarder;
import dev.pdm.iiot.hivemq.bridge.metrics.BridgeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Stores every reading a device publishes in Kafka before the device's PUBACK goes out. For a
 * PUBLISH on a readings topic it pauses the publish ({@link PublishInboundOutput#async}), sends the
 * record the message becomes to Kafka and resumes from Kafka's answer:
 *
 * <ul>
 *   <li>a reading Kafka stored: the PUBACK goes out, and the reading goes on to MQTT subscribers
 *       unless delivery to them is off;</li>
 *   <li>a message the readings contract rejects, once Kafka stored its dead letter: not delivered
 *       to subscribers; an MQTT 5 device gets {@code PAYLOAD_FORMAT_INVALID} with the reason, an
 *       MQTT 3 device a plain PUBACK (sending it again would not help);</li>
 *   <li>anything Kafka did not store (unreachable, an error, no answer within the timeout): an MQTT
 *       5 device gets {@code IMPLEMENTATION_SPECIFIC_ERROR}, an MQTT 3 device is disconnected; either
 *       way it still holds the reading and sends it again. Nothing is acknowledged that Kafka does
 *       not have.</li>
 * </ul>
 *
 * <p>HiveMQ runs one such paused publish per client at a time and resumes a client's publishes in
 * the order they came, so each device's readings reach Kafka in order. Publishes on other topics
 * pass untouched. One instance serves every client.
 */
public final class ReadingInterceptor implements PublishInboundInterceptor {

    static final String KAFKA_UNAVAILABLE = "Kafka is unavailable: the reading was not stored, publish it again";
    static final String KAFKA_FAILED = "Kafka did not store the reading, publish it again";
    static final String TIMED_OUT = "Kafka did not store the reading in time, publish it again";
    /** The longest reason string sent back to a device. */
    static final int MAX_REASON_CHARS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(ReadingInterceptor.class);

    private final BridgeConfig config;
    private final BridgeConverter converter;
    private final KafkaForwarder kafka;
    private final BridgeMetrics metrics;
    private final Duration timeout;

    public ReadingInterceptor(final BridgeConfig config, final BridgeConverter converter, final KafkaForwarder kafka,
                              final BridgeMetrics metrics) {
        this.config = config;
        this.converter = converter;
        this.kafka = kafka;
        this.metrics = metrics;
        this.timeout = config.ackTimeout();
    }

    @Override
    public void onInboundPublish(final @NotNull PublishInboundInput input, final @NotNull PublishInboundOutput output) {
        final PublishPacket packet = input.getPublishPacket();
        if (!config.isReadingTopic(packet.getTopic())) {
            return;
        }
        final boolean mqtt5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        final BridgeRecord record;
        try {
            record = converter.convert(new InboundMessage(packet.getTopic(), bytes(packet.getPayload().orElse(null)),
                    packet.getQos().getQosNumber(), packet.getDupFlag(), packet.getRetain(),
                    Instant.ofEpochMilli(packet.getTimestamp())));
        } catch (RuntimeException e) {
            // an exception must not decide the PUBACK: HiveMQ would acknowledge what Kafka does not have
            LOG.error("Could not convert a message on {}; refusing it", packet.getTopic(), e);
            refuse(output, mqtt5, KAFKA_FAILED);
            return;
        }
        final Async<PublishInboundOutput> async = output.async(timeout, TimeoutFallback.FAILURE,
                AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, TIMED_OUT);
        metrics.sending();
        kafka.send(record, new Answer(record, mqtt5, async, System.nanoTime()));
    }

    private static byte[] bytes(final ByteBuffer payload) {
        if (payload == null) {
            return new byte[0];
        }
        final ByteBuffer view = payload.asReadOnlyBuffer();
        final byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static void refuse(final PublishInboundOutput output, final boolean mqtt5, final String reason) {
        // MQTT 3 has no reason codes: HiveMQ disconnects the client for any code but SUCCESS
        output.preventPublishDelivery(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, mqtt5 ? reason : null);
    }

    /** Kafka's answer to one publish: what the device gets, then the publish resumes. */
    private final class Answer implements KafkaForwarder.Outcome {

        private final BridgeRecord record;
        private final boolean mqtt5;
        private final Async<PublishInboundOutput> async;
        private final long sentNanos;

        Answer(final BridgeRecord record, final boolean mqtt5, final Async<PublishInboundOutput> async,
               final long sentNanos) {
            this.record = record;
            this.mqtt5 = mqtt5;
            this.async = async;
            this.sentNanos = sentNanos;
        }

        @Override
        public void stored() {
            metrics.answered(System.nanoTime() - sentNanos);
            if (record.isDeadLetter()) {
                if (resume(output -> {
                    if (mqtt5) {
                        output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, reason(record));
                    } else {
                        output.preventPublishDelivery();
                    }
                })) {
                    metrics.deadLettered(record.rejection().reason());
                }
            } else if (resume(output -> {
                if (!config.deliverToSubscribers()) {
                    output.preventPublishDelivery();
                }
            })) {
                metrics.forwarded();
            }
        }

        @Override
        public void failed(final Exception cause) {
            metrics.answered(System.nanoTime() - sentNanos);
            if (resume(output -> refuse(output, mqtt5, KAFKA_FAILED))) {
                metrics.refusedError();
            }
        }

        @Override
        public void refused() {
            metrics.answered(System.nanoTime() - sentNanos);
            if (resume(output -> refuse(output, mqtt5, KAFKA_UNAVAILABLE))) {
                metrics.refusedUnavailable();
            }
        }

        /**
         * Decides the PUBACK and resumes the publish; false when HiveMQ had already refused it because
         * Kafka took longer than the timeout (the device sends it again; Kafka may then have it twice).
         */
        private boolean resume(final Consumer<PublishInboundOutput> decision) {
            if (async.getStatus() == Async.Status.RUNNING) {
                try {
                    decision.accept(async.getOutput());
                    async.resume();
                    return true;
                } catch (RuntimeException timedOutMeanwhile) {
                    LOG.debug("A publish timed out while Kafka answered it", timedOutMeanwhile);
                }
            }
            metrics.refusedTimeout();
            return false;
        }
    }

    private static String reason(final BridgeRecord record) {
        final String text = record.rejection().reason() + ": " + record.rejection().detail();
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS);
    }
}
