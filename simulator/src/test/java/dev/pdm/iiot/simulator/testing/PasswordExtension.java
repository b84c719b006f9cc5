package dev.pdm.iiot.simulator.testing;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only HiveMQ extension, embedded through local-stack's {@code mqttExtension}: a client that sends
 * a user name must send the one password, or it is refused {@code BAD_USER_NAME_OR_PASSWORD}; a client
 * without one (the tests' subscriber) is let in. Remembers who authenticated, and how (plain or TLS).
 */
public final class PasswordExtension implements ExtensionMain {

    private final String user;
    private final String password;
    private final Set<String> authenticated = ConcurrentHashMap.newKeySet();

    public PasswordExtension(final String user, final String password) {
        this.user = user;
        this.password = password;
    }

    public EmbeddedExtension embedded() {
        return EmbeddedExtension.builder().withId("simulator-test-password").withName("Checks one password")
                .withVersion("test").withPriority(1000).withStartPriority(1000).withExtensionMain(this).build();
    }

    /** {@code USER over tcp} or {@code USER over tls}, for each client let in with credentials. */
    public Set<String> authenticated() {
        return Set.copyOf(authenticated);
    }

    @Override
    public void extensionStart(final @NotNull ExtensionStartInput input, final @NotNull ExtensionStartOutput output) {
        final SimpleAuthenticator authenticator = (authInput, authOutput) -> {
            final var connect = authInput.getConnectPacket();
            if (connect.getUserName().isEmpty()) {
                authOutput.authenticateSuccessfully();
                return;
            }
            final String sent = connect.getPassword().map(b -> StandardCharsets.UTF_8.decode(b).toString()).orElse("");
            if (connect.getUserName().get().equals(user) && sent.equals(password)) {
                authenticated.add(user + (authInput.getConnectionInformation().getClientTlsInformation().isPresent()
                        ? " over tls" : " over tcp"));
                authOutput.authenticateSuccessfully();
            } else {
                authOutput.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD);
            }
        };
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
    }

    @Override
    public void extensionStop(final @NotNull ExtensionStopInput input, final @NotNull ExtensionStopOutput output) {
        // nothing to release
    }
}
