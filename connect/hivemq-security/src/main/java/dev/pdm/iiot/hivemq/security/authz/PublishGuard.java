package dev.pdm.iiot.hivemq.security.authz;

import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import dev.pdm.iiot.hivemq.security.auth.Identity;
import dev.pdm.iiot.hivemq.security.metrics.RefusalLog;
import dev.pdm.iiot.hivemq.security.metrics.SecurityMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Refuses a publish to a topic its client may not publish to, before any other extension's
 * interceptor sees it. HiveMQ runs the publish inbound interceptors of all extensions (highest
 * priority first) before it asks any authorizer, so an authorizer alone would let the Kafka bridge
 * store a forbidden reading in Kafka before the publish is refused; this guard, of the higher priority,
 * stops it first. An MQTT 5 client gets {@code NOT_AUTHORIZED} in its PUBACK; HiveMQ disconnects an
 * MQTT 3 client (MQTT 3 has no reason codes). One instance serves every client.
 */
public final class PublishGuard implements PublishInboundInterceptor {

    static final String REASON = "not authorized to publish to this topic";
    private static final Logger LOG = LoggerFactory.getLogger(PublishGuard.class);

    private final AccessPolicy policy;
    private final SecurityMetrics metrics;
    private final RefusalLog refusals = new RefusalLog(LOG);

    public PublishGuard(final AccessPolicy policy, final SecurityMetrics metrics) {
        this.policy = policy;
        this.metrics = metrics;
    }

    @Override
    public void onInboundPublish(final @NotNull PublishInboundInput input, final @NotNull PublishInboundOutput output) {
        final String topic = input.getPublishPacket().getTopic();
        final Optional<Identity> identity = Identity.of(input.getConnectionInformation().getConnectionAttributeStore());
        if (identity.isPresent() && policy.mayPublish(identity.get(), topic)) {
            return;
        }
        final String account = identity.map(Identity::account).orElse("(unauthenticated)");
        metrics.publishRefused();
        refusals.refused("publish", account, "Refused a publish of {} to {}: {}", account, RefusalLog.printable(topic),
                REASON);
        final boolean mqtt5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, mqtt5 ? REASON : null);
    }
}
