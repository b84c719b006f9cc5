package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.output.ReadingSink;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Prints every reading's JSON, one per line: the command line's {@code --echo}. */
final class EchoSink implements ReadingSink {

    private final PrintStream out;

    EchoSink(final PrintStream out) {
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
