package dev.pdm.iiot.simulator.replay;

/**
 * A run of consecutive rows labelled anomaly=1: rows {@code first} to {@code last}, inclusive (0-based).
 */
public record AnomalyBlock(int first, int last) {

    public AnomalyBlock {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a block of rows: " + first + ".." + last);
        }
    }
}
