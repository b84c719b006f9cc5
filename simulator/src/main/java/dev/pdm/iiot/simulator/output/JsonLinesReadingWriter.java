package dev.pdm.iiot.simulator.output;

import dev.pdm.iiot.events.model.TelemetryReading;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every reading as one line of JSON, exactly the bytes that would be published. */
public final class JsonLinesReadingWriter implements ReadingSink {

    private final OutputStream out;

    public JsonLinesReadingWriter(final OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    /** A writer to a new file (replacing an existing one); its parent folders are created. */
    public static JsonLinesReadingWriter toFile(final Path file) {
        try {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new JsonLinesReadingWriter(Files.newOutputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write readings to " + file, e);
        }
    }

    @Override
    public void accept(final TelemetryReading reading, final byte[] json) {
        try {
            out.write(json);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a reading", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the readings file", e);
        }
    }
}
