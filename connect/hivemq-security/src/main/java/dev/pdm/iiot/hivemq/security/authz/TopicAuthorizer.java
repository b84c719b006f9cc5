package dev.pdm.iiot.hivemq.security.authz;

import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import dev.pdm.iiot.hivemq.security.auth.Identity;
import dev.pdm.iiot.hivemq.security.metrics.RefusalLog;
import dev.pdm.iiot.hivemq.security.metrics.SecurityMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * HiveMQ's authorizer of the extension: subscriptions ({@code NOT_AUTHORIZED} in the SUBACK for a
 * filter the client may not subscribe to; MQTT 3: failure 0x80) and publishes, which matters for will
 * messages (checked when the client connects: a will to a forbidden topic refuses the CONNECT); other
 * publishes were already checked by the {@link PublishGuard}. A decision is final: no other extension
 * nor HiveMQ's default permissions are asked. One instance serves every client.
 */
public final class TopicAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAuthorizer.class);

    private final AccessPolicy policy;
    private final SecurityMetrics metrics;
    private final RefusalLog refusals = new RefusalLog(LOG);

    public TopicAuthorizer(final AccessPolicy policy, final SecurityMetrics metrics) {
        this.policy = policy;
        this.metrics = metrics;
    }

    @Override
    public void authorizeSubscribe(final @NotNull SubscriptionAuthorizerInput input,
                                   final @NotNull SubscriptionAuthorizerOutput output) {
        final String filter = input.getSubscription().getTopicFilter();
        final Optional<Identity> identity = Identity.of(input.getConnectionInformation().getConnectionAttributeStore());
        if (identity.isPresent() && policy.maySubscribe(identity.get(), filter)) {
            output.authorizeSuccessfully();
            return;
        }
        final String account = identity.map(Identity::account).orElse("(unauthenticated)");
        metrics.subscribeRefused();
        refusals.refused("subscribe", account, "Refused a subscription of {} to {}: not authorized", account,
                RefusalLog.printable(filter));
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized to subscribe to this filter");
    }

    @Override
    public void authorizePublish(final @NotNull PublishAuthorizerInput input,
                                 final @NotNull PublishAuthorizerOutput output) {
        final String topic = input.getPublishPacket().getTopic();
        final Optional<Identity> identity = Identity.of(input.getConnectionInformation().getConnectionAttributeStore());
        if (identity.isPresent() && policy.mayPublish(identity.get(), topic)) {
            output.authorizeSuccessfully();
            return;
        }
        final String account = identity.map(Identity::account).orElse("(unauthenticated)");
        metrics.publishRefused();
        refusals.refused("publish", account, "Refused a publish (or will) of {} to {}: not authorized", account,
                RefusalLog.printable(topic));
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, PublishGuard.REASON);
    }
}
