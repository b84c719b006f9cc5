package dev.pdm.iiot.simulator.replay;

import java.time.Instant;

/**
 * One row of a SKAB file.
 *
 * @param line    its line number in the file, 1-based (the header is line 1)
 * @param time    its {@code datetime}, read as UTC
 * @param values  one value per sensor column, NaN where the cell was empty
 * @param anomaly whether its {@code anomaly} label is 1
 */
public record SkabRow(int line, Instant time, double[] values, boolean anomaly) {
}
