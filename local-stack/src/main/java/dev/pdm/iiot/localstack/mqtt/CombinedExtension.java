package dev.pdm.iiot.localstack.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several extensions as the one extension an embedded HiveMQ takes ({@code EmbeddedHiveMQBuilder
 * #withEmbeddedExtension} accepts one), each behaving as if installed on its own:
 *
 * <ul>
 *   <li>they start in the order of their start priority (highest first) and stop in reverse;</li>
 *   <li>one that prevents its own start is logged and left out, the others run (as HiveMQ does with
 *       installed extensions); the embedding application checks the part itself (e.g. whether it runs);</li>
 *   <li>HiveMQ keeps one client initializer per extension, so the parts that implement
 *       {@link ClientInitializer} themselves are called for every client in the order of their priority
 *       (highest first), and their interceptors run in that order: a security extension's before a
 *       bridge's. A part that registers another object as its initializer cannot be combined with
 *       other such parts.</li>
 * </ul>
 *
 * Authenticator and authorizer providers need no combining: each part registers its own kind.
 */
final class CombinedExtension implements ExtensionMain {

    private static final Logger LOG = LoggerFactory.getLogger(CombinedExtension.class);

    private final List<EmbeddedExtension> parts;
    private final List<EmbeddedExtension> started = new ArrayList<>();

    private CombinedExtension(final List<EmbeddedExtension> parts) {
        this.parts = parts.stream().sorted(Comparator.comparingInt(EmbeddedExtension::getStartPriority).reversed())
                .toList();
    }

    /** One extension of these; the only one itself when there is one. */
    static EmbeddedExtension of(final List<EmbeddedExtension> extensions) {
        if (extensions.isEmpty()) {
            throw new IllegalArgumentException("no extension to embed");
        }
        if (extensions.size() == 1) {
            return extensions.get(0);
        }
        return EmbeddedExtension.builder()
                .withId(extensions.stream().map(EmbeddedExtension::getId).collect(Collectors.joining("+")))
                .withName(extensions.stream().map(EmbeddedExtension::getName).collect(Collectors.joining(" + ")))
                .withVersion("embedded")
                .withPriority(extensions.stream().mapToInt(EmbeddedExtension::getPriority).max().orElseThrow())
                .withStartPriority(extensions.stream().mapToInt(EmbeddedExtension::getStartPriority).max().orElseThrow())
                .withExtensionMain(new CombinedExtension(extensions))
                .build();
    }

    @Override
    public void extensionStart(final @NotNull ExtensionStartInput input, final @NotNull ExtensionStartOutput output) {
        for (final EmbeddedExtension part : parts) {
            final PartStart start = new PartStart();
            try {
                part.getExtensionMain().extensionStart(input, start);
            } catch (RuntimeException e) {
                start.preventExtensionStartup(e.toString());
            }
            if (start.reason != null) {
                LOG.error("The embedded extension {} did not start: {}", part.getId(), start.reason);
            } else {
                started.add(part);
            }
        }
        final List<ClientInitializer> initializers = started.stream()
                .sorted(Comparator.comparingInt(EmbeddedExtension::getPriority).reversed())
                .map(EmbeddedExtension::getExtensionMain)
                .filter(ClientInitializer.class::isInstance)
                .map(ClientInitializer.class::cast)
                .toList();
        if (initializers.size() > 1) {
            Services.initializerRegistry().setClientInitializer((initializerInput, clientContext) ->
                    initializers.forEach(initializer -> initializer.initialize(initializerInput, clientContext)));
        }
        LOG.debug("Embedded extensions started: {}", started.stream().map(EmbeddedExtension::getId).toList());
    }

    @Override
    public void extensionStop(final @NotNull ExtensionStopInput input, final @NotNull ExtensionStopOutput output) {
        for (int i = started.size() - 1; i >= 0; i--) {
            final EmbeddedExtension part = started.get(i);
            try {
                part.getExtensionMain().extensionStop(input, output);
            } catch (RuntimeException e) {
                LOG.warn("The embedded extension {} did not stop cleanly", part.getId(), e);
            }
        }
        started.clear();
    }

    /** One part's start output: remembers whether it prevented its start. */
    private static final class PartStart implements ExtensionStartOutput {
        private String reason;

        @Override
        public void preventExtensionStartup(final @NotNull String why) {
            reason = why;
        }
    }
}
