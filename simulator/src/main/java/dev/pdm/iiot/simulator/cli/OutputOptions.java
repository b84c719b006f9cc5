package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.output.JsonLinesReadingWriter;
import dev.pdm.iiot.simulator.output.LabelSink;
import dev.pdm.iiot.simulator.output.LabelWriter;
import dev.pdm.iiot.simulator.output.ReadingSink;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What readings carry and where readings and labels are written besides MQTT. */
final class OutputOptions {

    @Option(names = "--readings-out", paramLabel = "FILE", defaultValue = "${env:SIM_READINGS_OUT}",
            description = "Also write every reading to FILE, one JSON per line, exactly as published. Env SIM_READINGS_OUT.")
    Path readingsOut;

    @Option(names = "--labels-out", paramLabel = "FILE", defaultValue = "${env:SIM_LABELS_OUT}",
            description = "Write the fault episodes to FILE (JSON Lines: machine_id, fault, start, end; end absent while "
                    + "still running at the stop). Env SIM_LABELS_OUT.")
    Path labelsOut;

    @Option(names = "--seq", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Add a per-machine sequence number \"seq\" (from 0) for de-duplication; --no-seq sends exactly the "
                    + "prototype's fields. Default: on.")
    boolean seq;

    @Option(names = "--schema-version", defaultValue = "false",
            description = "Add \"schema_version\": 1 to every reading. Default: off (the prototype sends none).")
    boolean schemaVersion;

    @Option(names = "--machine-type", paramLabel = "TYPE", defaultValue = "${env:SIM_MACHINE_TYPE}",
            description = "Add \"machine_type\": TYPE to every reading (1 to 64 of A-Z a-z 0-9 _ . -): the detector "
                    + "compares machines of one type with each other. Default: none. Env SIM_MACHINE_TYPE.")
    String machineType;

    @Option(names = "--dropout-as", paramLabel = "MISSING|NAN", defaultValue = "MISSING",
            description = "How a dropped-out sensor appears: MISSING leaves the field out (the reading stays valid); "
                    + "NAN writes NaN as a Python device would (the platform dead-letters it). Default: ${DEFAULT-VALUE}.")
    ReadingFormat.DropoutEncoding dropoutAs;

    @Option(names = "--echo", defaultValue = "false", description = "Print every reading's JSON on standard output.")
    boolean echo;

    ReadingFormat format() {
        return new ReadingFormat(seq, schemaVersion, dropoutAs, machineType);
    }

    LabelSink labels() {
        return labelsOut == null ? LabelSink.NONE : LabelWriter.toFile(labelsOut);
    }

    /** The file and console sinks asked for; {@code --echo} prints to {@code out}. */
    List<ReadingSink> sinks(final PrintWriter out) {
        final List<ReadingSink> sinks = new ArrayList<>(2);
        if (readingsOut != null) {
            sinks.add(JsonLinesReadingWriter.toFile(readingsOut));
        }
        if (echo) {
            sinks.add(new EchoSink(out));
        }
        return sinks;
    }
}
