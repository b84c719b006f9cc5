package dev.pdm.iiot.hivemq.bridge;

import com.hivemq.embedded.EmbeddedExtension;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;

/**
 * The bridge for a HiveMQ CE embedded in an application ({@code EmbeddedHiveMQBuilder
 * .withEmbeddedExtension}), with the same id, name and priority as the installed extension's
 * {@code hivemq-extension.xml}.
 */
public final class EmbeddedBridge {

    /** The extension's priority among others: its interceptor runs before those of lower ones. */
    public static final int PRIORITY = 1000;

    private final KafkaBridgeMain main;
    private final EmbeddedExtension extension;

    private EmbeddedBridge(final KafkaBridgeMain main) {
        this.main = main;
        this.extension = EmbeddedExtension.builder()
                .withId(KafkaBridgeMain.ID)
                .withName(KafkaBridgeMain.NAME)
                .withVersion(KafkaBridgeMain.class.getPackage().getImplementationVersion() == null
                        ? "embedded" : KafkaBridgeMain.class.getPackage().getImplementationVersion())
                .withPriority(PRIORITY)
                .withStartPriority(PRIORITY)
                .withExtensionMain(main)
                .build();
    }

    /** A bridge with these settings, for one start of an embedded broker. */
    public static EmbeddedBridge of(final BridgeConfig config) {
        return new EmbeddedBridge(new KafkaBridgeMain(config));
    }

    public EmbeddedExtension extension() {
        return extension;
    }

    /** The running bridge: whether it started, its counters. */
    public KafkaBridgeMain main() {
        return main;
    }
}
