package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.simulator.physics.Disturbance;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which part of the machine a {@link FaultType#SLOW_DEGRADATION} wears out, and so which sensors it
 * moves. Each mix feeds the physics ({@link Disturbance}); the figures are at full strength (1), on a
 * machine near its operating point, and scale with the strength (the temperature with its thermal lag).
 */
public enum DegradationMix {

    /** Bearing: vibration +6 mm/s (about 8 mm/s, ISO 10816 "damage") and noisier, friction heat and +3 % current (about +5 °C). */
    BEARING,
    /** Cooling (fouled fins, a failing fan): cooling capacity -31 %, the temperature climbs about +18 °C with the thermal lag. */
    COOLING,
    /** Impeller and hydraulic wear: pressure -25 %, current +10 % (and its heat, about +8 °C), vibration +0.8 mm/s. */
    IMPELLER,
    /** The prototype's degradation: +15 °C, +3 mm/s, +5 A, -100 rpm ({@code degradation_level} stays 0). */
    PROTOTYPE;

    /** The share of cooling capacity the {@link #COOLING} mix loses at full strength is 0.45 times this. */
    static final double COOLING_LOSS_AT_FULL = 0.7;

    /** What the mix does to the physics at strength {@code x} (0 to 1). */
    public Disturbance disturbance(final double x) {
        return switch (this) {
            case BEARING -> new Disturbance(0, 0, 0, 0, 0, 0, x, 0, 0);
            case COOLING -> new Disturbance(0, COOLING_LOSS_AT_FULL * x, 0, 0, 0, 0, 0, 0, 0);
            case IMPELLER -> new Disturbance(0, 0, 0, 0, 0, 0, 0, x, 0);
            case PROTOTYPE -> new Disturbance(0, 0, 0, 0, 0, 0, 0, 0, x);
        };
    }

    /** Reads a mix name, case-insensitively. */
    public static DegradationMix parse(final String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown mix '" + name.trim() + "'; one of " + Arrays.toString(values()), e);
        }
    }
}
