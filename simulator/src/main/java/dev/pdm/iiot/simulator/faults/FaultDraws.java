package dev.pdm.iiot.simulator.faults;

import java.util.SplittableRandom;

/**
 * The random numbers fault effects use for one reading, drawn whether a fault is active or not so
 * that every machine's random streams advance the same way in every run of one seed.
 *
 * @param spike     whether a current spike occurs (uniform in [0, 1))
 * @param spikeSize how large it is (uniform in [0, 1))
 * @param dropout   whether a dropping-out sensor is missing (uniform in [0, 1))
 */
public record FaultDraws(double spike, double spikeSize, double dropout) {

    public static FaultDraws next(final SplittableRandom random) {
        return new FaultDraws(random.nextDouble(), random.nextDouble(), random.nextDouble());
    }
}
