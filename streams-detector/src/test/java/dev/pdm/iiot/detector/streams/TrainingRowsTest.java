package dev.pdm.iiot.detector.streams;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One store entry per training row, kept apart per machine. */
class TrainingRowsTest {

    private final TrainingRows rows = TrainingRows.inMemory();

    private static double[] row(final double v) {
        return new double[]{v, -v, v / 3, Double.MIN_VALUE, 1e300};
    }

    private void fill(final String machineId, final int count, final double base) {
        for (int slot = 0; slot < count; slot++) {
            rows.put(machineId, slot, row(base + slot));
        }
    }

    @Test
    void aMachineWhoseIdIsAPrefixOfAnothersNeverSeesOrClobbersItsRows() {
        fill("PUMP_10", 300, 1_000);
        fill("PUMP_1", 300, 0);
        fill("PUMP_", 12, 5_000);
        fill("PUMP_100", 3, 9_000);

        assertThat(rows.rows("PUMP_1", 300)).hasSize(300).first().isEqualTo(row(0));
        assertThat(rows.rows("PUMP_1", 300)).last().isEqualTo(row(299));
        assertThat(rows.rows("PUMP_10", 300)).hasSize(300).first().isEqualTo(row(1_000));
        assertThat(rows.rows("PUMP_", 300)).hasSize(12);

        assertThat(rows.clear("PUMP_1")).isEqualTo(300);
        assertThat(rows.rows("PUMP_1", 300)).isEmpty();
        assertThat(rows.rows("PUMP_10", 300)).hasSize(300).last().isEqualTo(row(1_299));
        assertThat(rows.rows("PUMP_", 300)).hasSize(12);
        assertThat(rows.rows("PUMP_100", 300)).hasSize(3);
    }

    @Test
    void rowsComeBackInSlotOrderWithEveryBitOfTheirDoubles() {
        for (final int slot : new int[]{255, 0, 128, 1, 127, 256, 65_536}) {
            rows.put("M", slot, row(slot + 0.1));
        }
        final List<double[]> read = rows.rows("M", 257);
        assertThat(read).containsExactly(row(0.1), row(1.1), row(127.1), row(128.1), row(255.1), row(256.1));
        assertThat(rows.rows("M", 3)).as("only the slots asked for").containsExactly(row(0.1), row(1.1));
    }

    @Test
    void aRowReplacedInItsSlotReplacesOnlyThatSlot() {
        fill("M", 5, 0);
        rows.put("M", 2, row(42));
        assertThat(rows.rows("M", 5)).containsExactly(row(0), row(1), row(42), row(3), row(4));
    }

    @Test
    void aWriteIsSmallWhateverTheSetsSize() {
        assertThat(TrainingRows.encode(row(1))).hasSize(5 * Double.BYTES);
        assertThat(TrainingRows.key("MACHINE_001", 255).get()).hasSize(2 + 11 + 4);
        assertThat(TrainingRows.decode(TrainingRows.encode(row(Math.PI)))).isEqualTo(row(Math.PI));
    }
}
