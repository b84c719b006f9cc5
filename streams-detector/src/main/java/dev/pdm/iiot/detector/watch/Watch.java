package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;

import java.time.Instant;

/**
 * One of the things that watch a machine besides its Isolation Forest: a trend away from its
 * healthy reference, its peers, a stuck sensor, its silence. A watch owns one kind of state per
 * machine ({@code S}), reads it back in every format it ever wrote, and raises one alert type. It is
 * pure: no store, no clock but the one it is given; the topology and {@code evaluate} run the same
 * code. Adding a watch is one class (with its state) and one line in {@link Watches#standard}.
 *
 * @param <S> the machine's state of this watch
 */
public interface Watch<S extends WatchState> {

    /** A short stable name: the key of its state in the machine store. Never changes once released. */
    String id();

    /** The alert type it raises, one of {@code Alert.TYPE_*}. */
    String alertType();

    /** The state of a machine it has not seen yet. */
    S initial();

    /** Reads a state written by {@link WatchState#write} in format {@code version} (1 … the current). */
    S read(BinaryReader in, int version);

    /** The current format of its state. */
    int version();

    /**
     * An accepted reading of the machine, in time order: a late reading (one that arrived after
     * readings the machine sent later, see {@code MachineDetector#isLate}) never reaches a watch.
     *
     * @return what the watch now says of the machine; null when its opinion did not change
     */
    Verdict onReading(S state, Observation o);

    /**
     * The wall clock has reached {@code now} with no reading of the machine since its last one. Only
     * watches of time (silence) answer; others return null.
     */
    default Verdict onClock(final S state, final Instant now) {
        return null;
    }

    /** Casts a state read from the store to this watch's type. */
    @SuppressWarnings("unchecked")
    default S cast(final WatchState state) {
        return (S) state;
    }
}
