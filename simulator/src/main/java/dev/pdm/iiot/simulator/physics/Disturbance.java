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
 * @param degradation    the prototype's overall degradation, 0 to 1: +15 °C, +3 mm/s, +5 A, -100 rpm at 1
 */
public record Disturbance(
        double wear,
        double coolingLoss,
        double leak,
        double currentSpike,
        double rpmInstability,
        double degradation) {

    public static final Disturbance NONE = new Disturbance(0, 0, 0, 0, 0, 0);

    public Disturbance {
        requireFraction("wear", wear);
        requireFraction("coolingLoss", coolingLoss);
        requireFraction("leak", leak);
        requireFraction("rpmInstability", rpmInstability);
        requireFraction("degradation", degradation);
        if (!(currentSpike >= 0)) {
            throw new IllegalArgumentException("currentSpike must be zero or more, was " + currentSpike);
        }
    }

    /** Both disturbances at once: fractions add up to at most 1, spikes add. */
    public Disturbance plus(final Disturbance other) {
        return new Disturbance(
                Math.min(1, wear + other.wear),
                Math.min(1, coolingLoss + other.coolingLoss),
                Math.min(1, leak + other.leak),
                currentSpike + other.currentSpike,
                Math.min(1, rpmInstability + other.rpmInstability),
                Math.min(1, degradation + other.degradation));
    }

    private static void requireFraction(final String name, final double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], was " + value);
        }
    }
}
