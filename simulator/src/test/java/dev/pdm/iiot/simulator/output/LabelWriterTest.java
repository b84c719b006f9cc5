package dev.pdm.iiot.simulator.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.json.EventJson;
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
    void aDetailComesLastAndOnlyWhenThereIsOne() {
        final StringWriter out = new StringWriter();
        final LabelWriter labels = new LabelWriter(out);
        final FaultLabel slow = new FaultLabel("MACHINE_007", "SLOW_DEGRADATION", START, null, "mix=COOLING,development=6h");
        labels.started(slow);
        labels.ended(slow.endedAt(START.plusSeconds(3600)));
        labels.started(new FaultLabel("MACHINE_008", "SLOW_DEGRADATION", START, null, "mix=BEARING,development=48h,from=0.4"));
        labels.close();

        assertThat(out.toString().split("\n")).containsExactly(
                "{\"machine_id\":\"MACHINE_007\",\"fault\":\"SLOW_DEGRADATION\",\"start\":\"2025-11-21T21:27:22Z\","
                        + "\"end\":\"2025-11-21T22:27:22Z\",\"detail\":\"mix=COOLING,development=6h\"}",
                "{\"machine_id\":\"MACHINE_008\",\"fault\":\"SLOW_DEGRADATION\",\"start\":\"2025-11-21T21:27:22Z\","
                        + "\"detail\":\"mix=BEARING,development=48h,from=0.4\"}");
        assertThat(labels.written()).first().isEqualTo(slow.endedAt(START.plusSeconds(3600)));
    }

    @Test
    void aReaderOfTheFourFieldsReadsALabelWithADetail() throws Exception {
        final FaultLabel label = new FaultLabel("MACHINE_008", "SLOW_DEGRADATION", START, null, "mix=BEARING,development=48h");
        final String line = EventJson.toJson(label);

        // what the detector's evaluation reads: machine_id, fault, start, end, and nothing else
        final FourFields read = EventJson.fromJson(line, FourFields.class);

        assertThat(read).isEqualTo(new FourFields("MACHINE_008", "SLOW_DEGRADATION", START, null));
        assertThat(EventJson.fromJson(line, FaultLabel.class)).isEqualTo(label);
    }

    record FourFields(@JsonProperty("machine_id") String machineId, @JsonProperty("fault") String fault,
                      @JsonProperty("start") Instant start, @JsonProperty("end") Instant end) {
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
