package dev.pdm.iiot.simulator.physics;

import java.util.SplittableRandom;

import static dev.pdm.iiot.simulator.physics.RandomStreams.gaussian;

/**
 * The physics of one motor-driven pump, stepped in simulated time.
 *
 * <ul>
 *   <li>Load: a daily sine of ±20 % (the prototype's), a production cycle of a few percent and a
 *       slowly wandering demand.</li>
 *   <li>Load drives current (35 % at no load, rated at full load) and speed (2 % slip droop).</li>
 *   <li>Temperature follows the I²R heat of the current with a first-order thermal lag, plus friction
 *       heat of worn bearings; a cooling loss raises the steady temperature.</li>
 *   <li>Pressure comes from the pump: it rises with the square of the speed (affinity law) and falls
 *       as more flow is drawn, by the load or by a leak, and as the impeller wears.</li>
 *   <li>Vibration rises with the square of the speed, with bearing wear (and its impulses), with
 *       speed instability and, a little, with impeller wear.</li>
 *   <li>A worn bearing or impeller makes the motor draw more current, and so more heat.</li>
 *   <li>Every sensor carries Gaussian measurement noise.</li>
 * </ul>
 *
 * Every step draws the same number of random numbers, whatever the disturbance, so that a run
 * with a fault and one without stay comparable reading by reading. Not thread-safe.
 */
public final class MachineModel {

    private static final double DAY_SECONDS = 86_400.0;
    private static final double DAILY_AMPLITUDE = 0.20;
    private static final double SLIP_DROOP = 0.02;
    private static final double NO_LOAD_CURRENT = 0.35;
    private static final double DEMAND_TIME_CONSTANT = 300.0;
    private static final double DEMAND_SIGMA = 0.03;
    private static final double INSTABILITY_PERIOD = 17.0;

    private final OperatingPoint point;
    private final SplittableRandom random;
    private double demand;
    private double temperature = Double.NaN;

    public MachineModel(final OperatingPoint point, final SplittableRandom random) {
        this.point = point;
        this.random = random;
    }

    public OperatingPoint operatingPoint() {
        return point;
    }

    /**
     * Advances the machine to {@code elapsed} seconds after its start.
     *
     * @param elapsed seconds since the machine started
     * @param dt      seconds since the previous step (0 on the first)
     * @param d       what faults do at this instant
     */
    public PhysicalState step(final double elapsed, final double dt, final Disturbance d) {
        final double nDemand = gaussian(random);
        final double nRpm = gaussian(random);
        final double nCurrent = gaussian(random);
        final double nPressure = gaussian(random);
        final double nTemperature = gaussian(random);
        final double nVibration = gaussian(random);
        final double nJitter = gaussian(random);
        final double impulse = random.nextDouble();

        final double phi = Math.exp(-dt / DEMAND_TIME_CONSTANT);
        demand = demand * phi + DEMAND_SIGMA * Math.sqrt(1 - phi * phi) * nDemand;
        final double load = clamp(1.0
                + DAILY_AMPLITUDE * Math.sin(2 * Math.PI * elapsed / DAY_SECONDS + point.dailyPhase())
                + point.cycleAmplitude() * Math.sin(2 * Math.PI * elapsed / point.cyclePeriod() + point.cyclePhase())
                + demand, 0.3, 1.6);

        final double instability = d.rpmInstability();
        final double shaftRpm = point.ratedRpm() * (1 - SLIP_DROOP * (load - 1))
                + 80.0 * instability * Math.sin(2 * Math.PI * elapsed / INSTABILITY_PERIOD)
                + 30.0 * instability * nJitter;
        final double speed = shaftRpm / point.ratedRpm();

        final double motorCurrent = point.ratedCurrent() * (NO_LOAD_CURRENT + (1 - NO_LOAD_CURRENT) * load)
                * (1 + 0.04 * d.leak() + 0.08 * d.wear() + 0.03 * d.bearingDamage() + 0.10 * d.impellerWear())
                + d.currentSpike() * point.ratedCurrent();
        // the prototype's degradation adds its offsets as they are, without coupling them to the rest
        final double offsets = Math.min(1, d.degradation() + d.drift());
        final double current = motorCurrent + 5.0 * offsets;
        final double rpm = shaftRpm - 100.0 * offsets;

        // the pump curve: head rises with the square of the speed and falls as more flow is drawn (load, a leak)
        // and as a worn impeller loses head
        final double pressure = point.basePressure() * speed * speed * (1 - 0.12 * (load - 1)) * (1 - 0.35 * d.leak())
                * (1 - 0.25 * d.impellerWear());

        final double heatRise = (point.baseTemperature() - point.ambient())
                * square(motorCurrent / point.ratedCurrent()) / (1 - 0.45 * d.coolingLoss());
        final double steady = point.ambient() + heatRise + 8.0 * d.wear() + 15.0 * offsets + 3.0 * d.bearingDamage();
        temperature = Double.isNaN(temperature)
                ? steady
                : temperature + (steady - temperature) * (1 - Math.exp(-dt / point.thermalTimeConstant()));

        final double wearImpulse = d.wear() > 0.3 && impulse < 0.1 * d.wear() ? 3.0 * d.wear() : 0.0;
        final double vibration = point.baseVibration() * speed * speed * (1 + 0.15 * (load - 1))
                + 4.0 * d.wear() + wearImpulse
                + 3.0 * offsets
                + 1.2 * instability
                + 6.0 * d.bearingDamage()
                + 0.8 * d.impellerWear();

        return new PhysicalState(
                temperature + 0.2 * nTemperature,
                Math.max(0.05, vibration * (1 + (0.03 + 0.1 * d.wear() + 0.05 * d.bearingDamage()) * nVibration)),
                Math.max(0.0, current + 0.01 * point.ratedCurrent() * nCurrent),
                Math.max(0.0, pressure + (0.03 + 0.05 * d.leak()) * nPressure),
                Math.max(0.0, rpm + 2.5 * nRpm));
    }

    private static double square(final double x) {
        return x * x;
    }

    private static double clamp(final double x, final double min, final double max) {
        return Math.max(min, Math.min(max, x));
    }
}
