package dev.pdm.iiot.simulator.testing;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/**
 * A test-only HiveMQ extension, embedded through local-stack's {@code mqttExtension}: gives every
 * client the one {@link RefusingInterceptor}.
 */
public final class RefusingExtension implements ExtensionMain {

    private final RefusingInterceptor interceptor;

    private RefusingExtension(final RefusingInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    /** The extension for one start of the broker, around an interceptor the test keeps. */
    public static EmbeddedExtension embedded(final RefusingInterceptor interceptor) {
        return EmbeddedExtension.builder()
                .withId("simulator-test-refusing")
                .withName("Refuses readings as the Kafka bridge does")
                .withVersion("test")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new RefusingExtension(interceptor))
                .build();
    }

    @Override
    public void extensionStart(final @NotNull ExtensionStartInput input, final @NotNull ExtensionStartOutput output) {
        Services.initializerRegistry().setClientInitializer(
                (initializerInput, clientContext) -> clientContext.addPublishInboundInterceptor(interceptor));
    }

    @Override
    public void extensionStop(final @NotNull ExtensionStopInput input, final @NotNull ExtensionStopOutput output) {
        // nothing to release
    }
}
