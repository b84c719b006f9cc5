package dev.pdm.iiot.hivemq.bridge.interceptor;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.client.parameter.ClientInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.ModifiablePublishPacket;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One inbound PUBLISH as HiveMQ hands it to an interceptor, and the decision the interceptor takes
 * on it, in the SDK's types: the input answers only what the bridge reads; the output records
 * whether it went asynchronous, how delivery was prevented, and whether it resumed.
 */
final class FakePublish {

    final PublishInboundInput input;
    final Output output = new Output();

    FakePublish(final String topic, final String payload, final MqttVersion version) {
        final PublishPacket packet = proxy(PublishPacket.class, Map.of(
                "getTopic", topic,
                "getQos", Qos.AT_LEAST_ONCE,
                "getDupFlag", false,
                "getRetain", false,
                "getTimestamp", 1_764_000_000_000L,
                "getPayload", Optional.of(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer())));
        final ConnectionInformation connection = proxy(ConnectionInformation.class, Map.of("getMqttVersion", version));
        final ClientInformation client = proxy(ClientInformation.class, Map.of("getClientId", "device-1"));
        input = proxy(PublishInboundInput.class, Map.of("getPublishPacket", packet,
                "getConnectionInformation", connection, "getClientInformation", client));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(final Class<T> type, final Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return answers.get(method.getName());
        });
    }

    /** What the interceptor decided. */
    static final class Output implements PublishInboundOutput, Async<PublishInboundOutput> {

        boolean async;
        Duration timeout;
        AckReasonCode timeoutCode;
        boolean prevented;
        AckReasonCode code;
        String reason;
        boolean resumed;
        Status status = Status.RUNNING;

        @Override
        public ModifiablePublishPacket getPublishPacket() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void preventPublishDelivery() {
            preventPublishDelivery(AckReasonCode.SUCCESS, null);
        }

        @Override
        public void preventPublishDelivery(final AckReasonCode reasonCode) {
            preventPublishDelivery(reasonCode, null);
        }

        @Override
        public void preventPublishDelivery(final AckReasonCode reasonCode, final String reasonString) {
            if (prevented) {
                throw new UnsupportedOperationException("preventPublishDelivery must not be called more than once");
            }
            if (status != Status.RUNNING) {
                throw new UnsupportedOperationException("timed out");
            }
            prevented = true;
            code = reasonCode;
            reason = reasonString;
        }

        @Override
        public Async<PublishInboundOutput> async(final Duration duration, final TimeoutFallback fallback,
                                                 final AckReasonCode ackReasonCode, final String reasonString) {
            async = true;
            timeout = duration;
            timeoutCode = ackReasonCode;
            return this;
        }

        @Override
        public Async<PublishInboundOutput> async(final Duration duration, final TimeoutFallback fallback,
                                                 final AckReasonCode ackReasonCode) {
            return async(duration, fallback, ackReasonCode, null);
        }

        @Override
        public Async<PublishInboundOutput> async(final Duration duration) {
            return async(duration, TimeoutFallback.SUCCESS, AckReasonCode.SUCCESS, null);
        }

        @Override
        public Async<PublishInboundOutput> async(final Duration duration, final TimeoutFallback fallback) {
            return async(duration, fallback, AckReasonCode.SUCCESS, null);
        }

        @Override
        public void resume() {
            resumed = true;
            status = Status.DONE;
        }

        @Override
        public PublishInboundOutput getOutput() {
            return this;
        }

        @Override
        public Status getStatus() {
            return status;
        }

        /** What HiveMQ does when the timeout passes before the interceptor resumed. */
        void timeOut() {
            status = Status.CANCELED;
        }
    }
}
