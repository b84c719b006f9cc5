package dev.pdm.iiot.hivemq.security.auth;

import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import dev.pdm.iiot.hivemq.security.metrics.SecurityMetrics;

/**
 * The authenticator of a security extension that cannot use its configuration: it refuses every
 * client ({@code NOT_AUTHORIZED}), so that a broker whose accounts cannot be read is closed rather
 * than open. (HiveMQ would let everyone in without an authenticator when embedded, or with its
 * allow-all extension installed.)
 */
public final class RefuseAll implements SimpleAuthenticator {

    static final String REASON = "the broker's security configuration cannot be used";

    private final SecurityMetrics metrics;

    public RefuseAll(final SecurityMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onConnect(final @NotNull SimpleAuthInput input, final @NotNull SimpleAuthOutput output) {
        metrics.refused(SecurityMetrics.Refusal.NOT_AUTHORIZED);
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, REASON);
    }
}
