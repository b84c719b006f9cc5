package dev.pdm.iiot.platform.chaos.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingSetTest {

    @Test
    void readingsTheDetectorRefusedWithAReasonAreNotCountedAsNeverScored() {
        final ReadingSet inTelemetry = new ReadingSet();
        for (long seq = 0; seq < 10; seq++) {
            inTelemetry.add("MACHINE_001", seq);
        }
        inTelemetry.add("MACHINE_002", 0);
        final ReadingSet deadLettered = new ReadingSet();
        deadLettered.add("MACHINE_001", 4);
        deadLettered.add("MACHINE_003", 7);
        final ReadingSet scored = new ReadingSet();
        for (long seq = 0; seq < 10; seq++) {
            if (seq != 4) {
                scored.add("MACHINE_001", seq);
            }
        }

        final ReadingSet toScore = inTelemetry.without(deadLettered);

        assertThat(toScore.size()).isEqualTo(10);
        assertThat(toScore.contains("MACHINE_001", 4)).isFalse();
        assertThat(toScore.contains("MACHINE_003", 7)).isFalse();
        assertThat(toScore.missingFrom(scored, 5).count()).as("MACHINE_002's reading only").isEqualTo(1);
        assertThat(inTelemetry.missingFrom(scored, 5).count()).as("without the dead letters taken out").isEqualTo(2);
    }
}
