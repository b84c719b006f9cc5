package dev.pdm.iiot.hivemq.security;

import com.hivemq.embedded.EmbeddedExtension;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;

/**
 * The security extension for a HiveMQ CE embedded in an application ({@code EmbeddedHiveMQBuilder
 * .withEmbeddedExtension}, or local-stack's {@code mqttExtensions} together with the Kafka bridge),
 * with the same id, name and priorities as the installed extension's {@code hivemq-extension.xml}.
 */
public final class EmbeddedSecurity {

    /**
     * The extension's priority: above the Kafka bridge's (1000), so that its publish guard refuses a
     * forbidden publish before the bridge's interceptor sees it, and its authenticator decides before
     * those of lower ones (HiveMQ's allow-all extension among them).
     */
    public static final int PRIORITY = 2000;

    private final SecurityMain main;
    private final EmbeddedExtension extension;

    private EmbeddedSecurity(final SecurityMain main) {
        this.main = main;
        final String version = SecurityMain.class.getPackage().getImplementationVersion();
        this.extension = EmbeddedExtension.builder()
                .withId(SecurityMain.ID)
                .withName(SecurityMain.NAME)
                .withVersion(version == null ? "embedded" : version)
                .withPriority(PRIORITY)
                .withStartPriority(PRIORITY)
                .withExtensionMain(main)
                .build();
    }

    /** The extension with these settings, for one start of an embedded broker. */
    public static EmbeddedSecurity of(final SecurityConfig config) {
        return new EmbeddedSecurity(new SecurityMain(config));
    }

    public EmbeddedExtension extension() {
        return extension;
    }

    /** The running extension: whether it runs, why it refuses everyone if it does, its counters. */
    public SecurityMain main() {
        return main;
    }
}
