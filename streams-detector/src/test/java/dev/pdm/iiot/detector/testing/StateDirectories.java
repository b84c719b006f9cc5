package dev.pdm.iiot.detector.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * What a stopped detector leaves on disk, kept across a {@code TopologyTestDriver}'s close (which
 * wipes its state directory) so that a new driver starts from it, as a restarted instance would.
 */
public final class StateDirectories {

    private StateDirectories() {
    }

    /** Copies every file below {@code from} to the same place below {@code to}. */
    public static void copy(final Path from, final Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (final Path source : (Iterable<Path>) files::iterator) {
                final Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
