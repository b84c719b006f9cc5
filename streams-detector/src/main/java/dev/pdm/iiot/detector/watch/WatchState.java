package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryWriter;

/**
 * A machine's state of one {@link Watch}: mutable, changed only by the task that owns the machine,
 * and written to the machine store after each change in its watch's current format.
 */
public interface WatchState {

    /** The alert this watch keeps for the machine. */
    AlertSlot slot();

    /** The format {@link #write} writes: its watch's current one ({@link Watch#version()}). */
    int version();

    /** Writes the state in its watch's current format. */
    void write(BinaryWriter out);
}
