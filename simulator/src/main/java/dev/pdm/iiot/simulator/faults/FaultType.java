package dev.pdm.iiot.simulator.faults;

import java.util.Arrays;
import java.util.List;

/**
 * The kinds of fault the simulator injects; the name is the label written to the labels file.
 * Each develops over its episode (see {@link FaultEpisode#ramp}) unless said otherwise.
 */
public enum FaultType {
    /** Vibration rises, accelerating (with impulses once advanced); temperature and current rise a little. */
    BEARING_WEAR,
    /** Cooling capacity drops: temperature climbs towards a higher steady value with the thermal lag. */
    OVERHEATING,
    /** Discharge pressure falls; the pump draws slightly more current. */
    PRESSURE_LEAK,
    /** Current spikes of 30 to 100 % of rated current, more and more often. */
    ELECTRICAL_FAULT,
    /** Speed oscillates and jitters by tens of rpm; vibration rises. */
    RPM_INSTABILITY,
    /** One sensor repeats the last value it sent before the episode, from its first instant on. */
    STUCK_SENSOR,
    /** One sensor's value goes missing: intermittently at first, then in every reading. */
    SENSOR_DROPOUT,
    /** The prototype's slow degradation: +15 °C, +3 mm/s, +5 A and -100 rpm at full degradation. */
    DEGRADATION,
    /**
     * Wear over hours: its strength grows linearly from nothing (or from the level it had reached before it
     * was first seen) to full over its development time, moving the sensors of its {@link DegradationMix}.
     */
    SLOW_DEGRADATION;

    /**
     * The types drawn for random episodes: all but the prototype's {@link #DEGRADATION} and
     * {@link #SLOW_DEGRADATION} (drawn on its own, see {@link SlowFaults}).
     */
    public static List<FaultType> randomTypes() {
        return Arrays.stream(values()).filter(t -> t != DEGRADATION && t != SLOW_DEGRADATION).toList();
    }

    /** Whether the fault is in a sensor rather than in the machine. */
    public boolean isSensorFault() {
        return this == STUCK_SENSOR || this == SENSOR_DROPOUT;
    }
}
