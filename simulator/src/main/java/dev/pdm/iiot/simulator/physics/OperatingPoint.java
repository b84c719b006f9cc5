package dev.pdm.iiot.simulator.physics;

import java.util.SplittableRandom;

/**
 * Where one machine runs when healthy: its rated values and the time constants of its dynamics.
 * The prototype's machines all ran at 65 °C, 2.0 mm/s, 10 A, 6.0 bar and 1500 rpm; here every
 * machine is drawn around those values, so that a per-machine model has something to learn.
 *
 * @param ambient             ambient temperature, °C
 * @param baseTemperature     steady temperature at rated current, °C
 * @param baseVibration       vibration at rated speed, mm/s RMS
 * @param ratedCurrent        current at full load, A
 * @param basePressure        discharge pressure at rated speed, bar
 * @param ratedRpm            shaft speed at full load, 1/min
 * @param thermalTimeConstant how fast temperature follows the current, seconds
 * @param dailyPhase          phase of the daily load cycle, radians
 * @param cyclePeriod         period of the production cycle on top of the daily one, seconds
 * @param cycleAmplitude      relative amplitude of the production cycle
 * @param cyclePhase          phase of the production cycle, radians
 */
public record OperatingPoint(
        double ambient,
        double baseTemperature,
        double baseVibration,
        double ratedCurrent,
        double basePressure,
        double ratedRpm,
        double thermalTimeConstant,
        double dailyPhase,
        double cyclePeriod,
        double cycleAmplitude,
        double cyclePhase) {

    /** The prototype's operating point, every machine's centre. */
    public static final OperatingPoint PROTOTYPE = new OperatingPoint(
            25.0, 65.0, 2.0, 10.0, 6.0, 1500.0, 900.0, 0.0, 900.0, 0.05, 0.0);

    public OperatingPoint {
        if (!(baseTemperature > ambient)) {
            throw new IllegalArgumentException("base temperature must lie above ambient");
        }
        if (!(ratedCurrent > 0 && ratedRpm > 0 && basePressure > 0 && baseVibration > 0)) {
            throw new IllegalArgumentException("rated values must be positive");
        }
        if (!(thermalTimeConstant > 0 && cyclePeriod > 0)) {
            throw new IllegalArgumentException("time constants must be positive");
        }
    }

    /** A machine's own operating point, drawn around {@link #PROTOTYPE}. */
    public static OperatingPoint draw(final SplittableRandom random) {
        final OperatingPoint p = PROTOTYPE;
        return new OperatingPoint(
                p.ambient + uniform(random, -3.0, 3.0),
                p.baseTemperature + uniform(random, -4.0, 4.0),
                p.baseVibration * uniform(random, 0.85, 1.15),
                p.ratedCurrent * uniform(random, 0.9, 1.1),
                p.basePressure * uniform(random, 0.93, 1.07),
                p.ratedRpm * uniform(random, 0.98, 1.02),
                uniform(random, 600.0, 1200.0),
                uniform(random, 0.0, 2.0 * Math.PI),
                uniform(random, 600.0, 1800.0),
                uniform(random, 0.03, 0.07),
                uniform(random, 0.0, 2.0 * Math.PI));
    }

    private static double uniform(final SplittableRandom random, final double from, final double to) {
        return from + (to - from) * random.nextDouble();
    }
}
