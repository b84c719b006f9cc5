package dev.pdm.iiot.simulator.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parsed file of the SKAB format: sensor columns, rows in file order, and whether it carries labels.
 *
 * @param path      where it was read from
 * @param sensors   the sensor names, snake_case ({@code Accelerometer1RMS} becomes {@code accelerometer1_rms})
 * @param rows      the rows, in file order
 * @param labelled  whether the file has an {@code anomaly} column
 */
public record SkabFile(Path path, List<String> sensors, List<SkabRow> rows, boolean labelled) {

    public SkabFile {
        sensors = List.copyOf(sensors);
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + " has no rows");
        }
    }

    /** The contiguous runs of anomaly=1 rows, in order. */
    public List<AnomalyBlock> anomalyBlocks() {
        final List<AnomalyBlock> blocks = new ArrayList<>();
        int first = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).anomaly() && first < 0) {
                first = i;
            } else if (!rows.get(i).anomaly() && first >= 0) {
                blocks.add(new AnomalyBlock(first, i - 1));
                first = -1;
            }
        }
        if (first >= 0) {
            blocks.add(new AnomalyBlock(first, rows.size() - 1));
        }
        return blocks;
    }

    /** The usual time between rows (the median step; one second for SKAB), at least a millisecond. */
    public Duration period() {
        if (rows.size() < 2) {
            return Duration.ofSeconds(1);
        }
        final long[] steps = new long[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            steps[i - 1] = Duration.between(rows.get(i - 1).time(), rows.get(i).time()).toMillis();
        }
        Arrays.sort(steps);
        return Duration.ofMillis(Math.max(1, steps[steps.length / 2]));
    }
}
