package dev.pdm.iiot.simulator.testing;

import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers devices as the platform's Kafka bridge does, without Kafka: refuses the next N publishes
 * (or all, while "Kafka is down") with {@code IMPLEMENTATION_SPECIFIC_ERROR} and the bridge's reason
 * string, rejects payloads marked {@value #BAD_MARK} with {@code PAYLOAD_FORMAT_INVALID}, and
 * records every payload it lets through, in the order HiveMQ hands them over.
 */
public final class RefusingInterceptor implements PublishInboundInterceptor {

    /** What marks a payload as one the contract rejects. */
    public static final String BAD_MARK = "\"invalid\":true";
    static final String KAFKA_UNAVAILABLE = "Kafka is unavailable: the reading was not stored, publish it again";

    private static final Logger LOG = LoggerFactory.getLogger(RefusingInterceptor.class);

    private final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger refusedCount = new AtomicInteger();
    private final AtomicInteger rejectedCount = new AtomicInteger();
    private volatile boolean down;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> refusalsByPayload = new ConcurrentHashMap<>();

    @Override
    public void onInboundPublish(final @NotNull PublishInboundInput input, final @NotNull PublishInboundOutput output) {
        try {
            final String payload = text(input.getPublishPacket().getPayload().orElse(null));
            if (down || refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refusedCount.incrementAndGet();
                refusalsByPayload.merge(payload, 1, Integer::sum);
                output.preventPublishDelivery(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, KAFKA_UNAVAILABLE);
            } else if (payload.contains(BAD_MARK)) {
                rejectedCount.incrementAndGet();
                output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, "NOT_A_READING: marked invalid");
            } else {
                accepted.add(payload);
            }
        } catch (RuntimeException e) {
            LOG.error("The test interceptor failed", e);
        }
    }

    private static String text(final ByteBuffer payload) {
        if (payload == null) {
            return "";
        }
        final ByteBuffer view = payload.asReadOnlyBuffer();
        final byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Refuses the next {@code n} publishes (bad ones included). */
    public void refuseNext(final int n) {
        refuseNext.set(n);
    }

    /** While down, every publish is refused. */
    public void kafkaDown(final boolean isDown) {
        this.down = isDown;
    }

    public int refused() {
        return refusedCount.get();
    }

    /** How often this payload was refused. */
    public int timesRefused(final String payload) {
        return refusalsByPayload.getOrDefault(payload, 0);
    }

    public int rejected() {
        return rejectedCount.get();
    }

    /** The payloads let through, in the order HiveMQ handed them over. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** Forgets what happened so far. */
    public void reset() {
        refuseNext.set(0);
        down = false;
        refusedCount.set(0);
        rejectedCount.set(0);
        accepted.clear();
        refusalsByPayload.clear();
    }
}
