package dev.pdm.iiot.simulator.core;

import dev.pdm.iiot.events.MqttTopics;

import java.util.Objects;

/**
 * What a generated reading carries besides the prototype's fields.
 *
 * @param seq           add a per-machine sequence number ({@code seq}, from 0), for de-duplication downstream
 * @param schemaVersion add {@code schema_version}
 * @param dropout       how a dropped-out sensor appears on the wire
 * @param machineType   the {@code machine_type} every reading names, or null for none
 */
public record ReadingFormat(boolean seq, boolean schemaVersion, DropoutEncoding dropout, String machineType) {

    /** Sequence numbers on, schema version off, dropped-out sensors missing. */
    public static final ReadingFormat DEFAULT = new ReadingFormat(true, false, DropoutEncoding.MISSING);
    /** Exactly the prototype's fields. */
    public static final ReadingFormat PROTOTYPE = new ReadingFormat(false, false, DropoutEncoding.MISSING);

    public ReadingFormat {
        Objects.requireNonNull(dropout, "dropout");
        if (machineType != null && !MqttTopics.isMachineId(machineType)) {
            throw new IllegalArgumentException("a machine type is 1 to 64 of the characters A-Z a-z 0-9 _ . -, got '"
                    + machineType + "'");
        }
    }

    /** Readings that name no machine type. */
    public ReadingFormat(final boolean seq, final boolean schemaVersion, final DropoutEncoding dropout) {
        this(seq, schemaVersion, dropout, null);
    }

    /** How a sensor that has dropped out appears in a reading. */
    public enum DropoutEncoding {
        /** The field is left out; the reading stays valid and reaches the detector without it. */
        MISSING,
        /** The field is {@code NaN}, as a Python device's {@code json.dumps} writes it; the platform rejects such a reading into its dead-letter topic. */
        NAN
    }
}
