package dev.pdm.iiot.simulator.output;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LabelWriterTest {

    private static final Instant START = Instant.parse("2025-11-21T21:27:22Z");

    @Test
    void writesTheContractsLineWhenAnEpisodeEnds() {
        final StringWriter out = new StringWriter();
        final LabelWriter labels = new LabelWriter(out);
        final FaultLabel label = new FaultLabel("MACHINE_003", "BEARING_WEAR", START, null);

        labels.started(label);
        assertThat(out.toString()).isEmpty();
        labels.ended(label.endedAt(Instant.parse("2025-11-21T21:47:22Z")));

        assertThat(out.toString()).isEqualTo("{\"machine_id\":\"MACHINE_003\",\"fault\":\"BEARING_WEAR\","
                + "\"start\":\"2025-11-21T21:27:22Z\",\"end\":\"2025-11-21T21:47:22Z\"}\n");
    }

    @Test
    void episodesStillRunningAtTheCloseHaveNoEnd() {
        final StringWriter out = new StringWriter();
        final LabelWriter labels = new LabelWriter(out);
        labels.started(new FaultLabel("MACHINE_001", "OVERHEATING", START, null));
        labels.started(new FaultLabel("MACHINE_002", "DEGRADATION", START.plusMillis(1500), null));
        labels.ended(new FaultLabel("MACHINE_001", "OVERHEATING", START, START.plusSeconds(60)));

        labels.close();
        labels.close();

        assertThat(out.toString().split("\n")).containsExactly(
                "{\"machine_id\":\"MACHINE_001\",\"fault\":\"OVERHEATING\",\"start\":\"2025-11-21T21:27:22Z\",\"end\":\"2025-11-21T21:28:22Z\"}",
                "{\"machine_id\":\"MACHINE_002\",\"fault\":\"DEGRADATION\",\"start\":\"2025-11-21T21:27:23.500Z\"}");
    }
}
