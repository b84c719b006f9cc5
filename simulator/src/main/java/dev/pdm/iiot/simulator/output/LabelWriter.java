package dev.pdm.iiot.simulator.output;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.pdm.iiot.events.json.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the labels file: JSON Lines, one {@link FaultLabel} per line, written when the episode
 * ends (flushed at once, so a reader can follow the file), and at {@link #close()} one line
 * without {@code end} for every episode still running. Thread-safe.
 */
public final class LabelWriter implements LabelSink {

    private static final Logger LOG = LoggerFactory.getLogger(LabelWriter.class);
    private static final ObjectWriter JSON = EventJson.newMapper().writerFor(FaultLabel.class);

    private final Writer out;
    private final Set<FaultLabel> open = new LinkedHashSet<>();
    private final List<FaultLabel> written = new ArrayList<>();
    private boolean closed;

    public LabelWriter(final Writer out) {
        this.out = out;
    }

    /** A writer to a new file (replacing an existing one); its parent folders are created. */
    public static LabelWriter toFile(final Path file) {
        try {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new LabelWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labels to " + file, e);
        }
    }

    @Override
    public synchronized void started(final FaultLabel label) {
        open.add(label);
        if (label.detail() == null) {
            LOG.info("fault {} on {} from {}", label.fault(), label.machineId(), label.start());
        } else {
            LOG.info("fault {} ({}) on {} from {}", label.fault(), label.detail(), label.machineId(), label.start());
        }
    }

    @Override
    public synchronized void ended(final FaultLabel label) {
        open.remove(label.endedAt(null));
        LOG.info("fault {} on {} over at {}", label.fault(), label.machineId(), label.end());
        write(label);
        flush();
    }

    /** Every label written so far, in order. */
    public synchronized List<FaultLabel> written() {
        return List.copyOf(written);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (final FaultLabel label : open) {
            write(label);
        }
        open.clear();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the labels file", e);
        }
    }

    private void write(final FaultLabel label) {
        try {
            out.write(JSON.writeValueAsString(label));
            out.write('\n');
            written.add(label);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a label", e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the labels file", e);
        }
    }
}
