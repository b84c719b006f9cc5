package dev.pdm.iiot.simulator.core;

import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;

/**
 * Readings in the order they are due. A {@link Simulation} asks for the offset of the next one,
 * waits until it is due (or not, in fast mode) and then takes it. Used from one thread.
 */
public interface ReadingSource {

    /** Returned by {@link #nextOffsetNanos()} when there are no more readings. */
    long END = -1L;

    /** Prepares the source; {@code runStart} is the instant of offset zero. */
    void start(Instant runStart);

    /** When the next reading is due, in nanoseconds after the start, or {@link #END}. */
    long nextOffsetNanos();

    /** The next reading; its timestamp is the start plus its offset. */
    TelemetryReading next();

    /** Whether the source runs out by itself (a replay) rather than going on until stopped. */
    default boolean endsByItself() {
        return false;
    }

    /** How many machines the source speaks for. */
    int machineCount();

    /** The run is over: episodes still running are recorded as open and the label sink is closed. */
    void finish();
}
