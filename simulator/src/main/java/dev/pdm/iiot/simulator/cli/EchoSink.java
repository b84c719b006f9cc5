package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.output.ReadingSink;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Prints every reading's JSON, one per line: the command line's {@code --echo}. */
final class EchoSink implements ReadingSink {

    private final PrintWriter out;

    EchoSink(final PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(final TelemetryReading reading, final byte[] json) {
        out.println(new String(json, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        out.flush();
    }
}
