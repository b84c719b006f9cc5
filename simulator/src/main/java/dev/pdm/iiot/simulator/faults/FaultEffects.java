package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.simulator.physics.Disturbance;

import java.time.Instant;

/** What each fault does to the physics at one instant. Sensor faults act on the reading instead. */
public final class FaultEffects {

    /** Chance of a current spike per reading at the start of an electrical fault, and added at full intensity. */
    static final double SPIKE_CHANCE_BASE = 0.05;
    static final double SPIKE_CHANCE_FULL = 0.35;

    private FaultEffects() {
    }

    /**
     * @param episode an active episode
     * @param t       the instant
     * @param draws   this reading's random draws for fault effects
     */
    public static Disturbance disturbance(final FaultEpisode episode, final Instant t, final FaultDraws draws) {
        final double x = episode.intensity(t);
        return switch (episode.type()) {
            // wear accelerates: slow at first, fast towards the end
            case BEARING_WEAR -> new Disturbance(episode.severity() * square(episode.ramp(t)), 0, 0, 0, 0, 0);
            case OVERHEATING -> new Disturbance(0, x, 0, 0, 0, 0);
            case PRESSURE_LEAK -> new Disturbance(0, 0, x, 0, 0, 0);
            case ELECTRICAL_FAULT -> new Disturbance(0, 0, 0, spike(x, draws), 0, 0);
            case RPM_INSTABILITY -> new Disturbance(0, 0, 0, 0, x, 0);
            case DEGRADATION -> new Disturbance(0, 0, 0, 0, 0, x);
            case SLOW_DEGRADATION -> episode.mix().disturbance(x);
            case STUCK_SENSOR, SENSOR_DROPOUT -> Disturbance.NONE;
        };
    }

    /** Whether a dropping-out sensor is missing from this reading: 30 % of readings at first, all at full development. */
    public static boolean isDroppedOut(final FaultEpisode episode, final Instant t, final FaultDraws draws) {
        return draws.dropout() < 0.3 + 0.7 * episode.ramp(t);
    }

    /** Extra current as a fraction of rated current. */
    private static double spike(final double intensity, final FaultDraws draws) {
        if (intensity <= 0) {
            return 0.0;
        }
        final double chance = SPIKE_CHANCE_BASE + SPIKE_CHANCE_FULL * intensity;
        return draws.spike() < chance ? 0.3 + 0.7 * draws.spikeSize() : 0.0;
    }

    private static double square(final double x) {
        return x * x;
    }
}
