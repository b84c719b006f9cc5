package dev.pdm.iiot.simulator.replay;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** The SKAB-format files under src/test/resources/skab. */
final class SkabFixtures {

    private SkabFixtures() {
    }

    static Path path(final String name) {
        try {
            return Path.of(Objects.requireNonNull(SkabFixtures.class.getResource("/skab/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
