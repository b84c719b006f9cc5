package dev.pdm.iiot.simulator.replay;

/** Which timestamps replayed readings carry. */
public enum TimestampMode {
    /** The replay's own clock: the start of the replay plus the row's offset in the file, divided by the speed. */
    SHIFTED,
    /** The file's own {@code datetime}, as recorded. */
    ORIGINAL
}
