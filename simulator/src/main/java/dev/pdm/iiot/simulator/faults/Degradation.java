package dev.pdm.iiot.simulator.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * The prototype's slowly degrading machines: the last {@code machines} machines start degrading
 * {@code onset} after the start and reach full degradation (degradation_level 100) after a further
 * {@code development}, then stay there. Labelled {@link FaultType#DEGRADATION}, with no end.
 *
 * @param machines    how many of the last machines degrade (0: none)
 * @param onset       when the degradation begins, from the start of the run
 * @param development how long it takes to reach 100
 */
public record Degradation(int machines, Duration onset, Duration development) {

    public static final Degradation NONE = new Degradation(0, Duration.ZERO, Duration.ofHours(2));

    public Degradation {
        if (machines < 0) {
            throw new IllegalArgumentException("the number of degrading machines must not be negative");
        }
        Objects.requireNonNull(onset, "onset");
        Objects.requireNonNull(development, "development");
        if (onset.isNegative() || development.isNegative()) {
            throw new IllegalArgumentException("onset and development must not be negative");
        }
    }

    /** Whether the machine of this 0-based index out of {@code count} degrades. */
    public boolean appliesTo(final int index, final int count) {
        return index >= count - machines;
    }
}
