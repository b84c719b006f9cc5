package dev.pdm.iiot.simulator.physics;

/**
 * What faults do to a machine's physics at one instant, each in physical terms. Zero everywhere
 * is a healthy machine.
 *
 * @param wear           bearing wear, 0 to 1: vibration, friction heat and a little current
 * @param coolingLoss    loss of cooling capacity, 0 to 1: the steady temperature rises
 * @param leak           leak at the discharge side, 0 to 1: pressure falls, the pump draws a little more current
 * @param currentSpike   extra current this instant as a fraction of rated current (electrical faults)
 * @param rpmInstability speed control instability, 0 to 1: rpm oscillates and jitters, vibration rises
 * @param degradation    the prototype's overall degradation, 0 to 1: +15 °C, +3 mm/s, +5 A, -100 rpm at 1,
 *                       reported as {@code degradation_level}
 * @param bearingDamage  slowly developing bearing damage, 0 to 1: vibration up strongly and noisier, a little
 *                       friction heat and current
 * @param impellerWear   impeller and hydraulic wear, 0 to 1: pressure falls, the pump draws more current, vibration
 *                       rises a little
 * @param drift          the prototype's offsets without its {@code degradation_level}, 0 to 1: +15 °C, +3 mm/s,
 *                       +5 A, -100 rpm at 1 (together with {@code degradation} at most once)
 */
public record Disturbance(
        double wear,
        double coolingLoss,
        double leak,
        double currentSpike,
        double rpmInstability,
        double degradation,
        double bearingDamage,
        double impellerWear,
        double drift) {

    public static final Disturbance NONE = new Disturbance(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Disturbance {
        requireFraction("wear", wear);
        requireFraction("coolingLoss", coolingLoss);
        requireFraction("leak", leak);
        requireFraction("rpmInstability", rpmInstability);
        requireFraction("degradation", degradation);
        requireFraction("bearingDamage", bearingDamage);
        requireFraction("impellerWear", impellerWear);
        requireFraction("drift", drift);
        if (!(currentSpike >= 0)) {
            throw new IllegalArgumentException("currentSpike must be zero or more, was " + currentSpike);
        }
    }

    /** The disturbances of the fast faults and the prototype's degradation, no slow wear. */
    public Disturbance(final double wear, final double coolingLoss, final double leak, final double currentSpike,
                       final double rpmInstability, final double degradation) {
        this(wear, coolingLoss, leak, currentSpike, rpmInstability, degradation, 0, 0, 0);
    }

    /** Both disturbances at once: fractions add up to at most 1, spikes add. */
    public Disturbance plus(final Disturbance other) {
        return new Disturbance(
                Math.min(1, wear + other.wear),
                Math.min(1, coolingLoss + other.coolingLoss),
                Math.min(1, leak + other.leak),
                currentSpike + other.currentSpike,
                Math.min(1, rpmInstability + other.rpmInstability),
                Math.min(1, degradation + other.degradation),
                Math.min(1, bearingDamage + other.bearingDamage),
                Math.min(1, impellerWear + other.impellerWear),
                Math.min(1, drift + other.drift));
    }

    private static void requireFraction(final String name, final double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], was " + value);
        }
    }
}
